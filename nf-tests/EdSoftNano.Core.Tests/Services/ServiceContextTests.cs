using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services
{
    /// <summary>Which DNS servers the services ask: DNSSERV1/2, or the bearer's when both are 0.0.0.0.</summary>
    public class ServiceContextTests
    {
        private static DeviceHarness Connected(FakeBearer bearer)
        {
            var device = new DeviceHarness(bearer: bearer);
            device.Send("AT+CGATT=1\r");
            device.Send("AT#CONNECTIONSTART\r");
            Assert.True(device.Firmware.Session.Connected);
            return device;
        }

        [Fact]
        public void BothDnsParametersZero_TheBearersServersAreUsed()
        {
            var bearer = new FakeBearer { PrimaryDns = 0x0A000035, SecondaryDns = 0x0A000036 };
            var device = Connected(bearer);
            Assert.Equal(0x0A000035u, device.Firmware.Services.Dns1);
            Assert.Equal(0x0A000036u, device.Firmware.Services.Dns2);
        }

        [Fact]
        public void ADnsParameterSet_TheParametersWinAndTheBearerIsNotAsked()
        {
            var bearer = new FakeBearer { PrimaryDns = 0x0A000035, SecondaryDns = 0x0A000036 };
            var device = Connected(bearer);
            device.Send("AT#DNSSERV2=\"192.168.1.2\"\r");
            Assert.Equal(0u, device.Firmware.Services.Dns1);
            Assert.Equal(0xC0A80102u, device.Firmware.Services.Dns2);
        }

        [Fact]
        public void NotConnected_NoNetworkAndNoBearerDns()
        {
            var device = new DeviceHarness(bearer: new FakeBearer { PrimaryDns = 0x0A000035 });
            Assert.Null(device.Firmware.Services.Net);
            Assert.Equal(0u, device.Firmware.Services.Dns1);
        }
    }
}
