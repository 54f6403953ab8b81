using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services
{
    /// <summary>The live harness itself: a GPRS session over the host network, on real time.</summary>
    public class LiveSessionTests
    {
        [Fact]
        public void Connected_HasANetworkForTheServices_AndLosesItAtStop()
        {
            var device = new LiveDevice().Connected();
            Assert.NotNull(device.Firmware.Services.Net);
            Assert.Matches("^\r\nMY IP: [0-9.]+\r\nGateway IP: [0-9.]+\r\n\r\nOK\r\n$", device.Exchange("AT#DISPLAYIP\r", "OK\r\n$"));
            Assert.Equal("\r\nOK\r\n", device.Exchange("AT#CONNECTIONSTOP\r", "OK\r\n$"));
            Assert.Null(device.Firmware.Services.Net);
        }
    }
}
