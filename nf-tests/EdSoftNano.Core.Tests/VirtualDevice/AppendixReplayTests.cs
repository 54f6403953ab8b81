using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.VirtualDevice
{
    /// <summary>
    /// Spec Appendix A.3–A.5 typed into the virtual device process on stdin, one line at a time as a host
    /// would, against its default simulated modem and the host-network bearer (real time, real process).
    /// </summary>
    public sealed class AppendixReplayTests : IDisposable
    {
        private const string Address = @"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}";

        private readonly string _dir = Directory.CreateTempSubdirectory("edsoftnano-appx-").FullName;
        private readonly InteractiveDevice _device;

        public AppendixReplayTests()
        {
            _device = new InteractiveDevice("--flash \"" + Path.Combine(_dir, "flash.bin") + "\"");
        }

        public void Dispose()
        {
            _device.Dispose();
            Directory.Delete(_dir, true);
        }

        [Fact]
        public void A3_A4_Registration_Attach()
        {
            Assert.Equal("AT+CPIN=1234\r" + Ok, _device.Exchange("AT+CPIN=1234\r", "OK\r\n$"));
            // A.3: the modem reports the state at once when the report is enabled.
            Assert.Equal("AT+CREG=1\r" + Ok + "\r\n+CREG: 1\r\n", _device.Exchange("AT+CREG=1\r", @"\+CREG: 1\r\n$"));
            // A.4 (the spec prints "+CGREG:0"; 27.007 and the modem put a space after the colon).
            Assert.Equal("AT+CGREG=1\r" + Ok + "\r\n+CGREG: 0\r\n", _device.Exchange("AT+CGREG=1\r", @"\+CGREG: 0\r\n$"));
            Assert.Equal("AT+CGATT=1\r" + Ok + "\r\n+CGREG: 2\r\n\r\n+CGREG: 1\r\n",
                _device.Exchange("AT+CGATT=1\r", @"\+CGREG: 1\r\n$"));
            Assert.Equal(0, _device.Close());
        }

        [Fact]
        public void A51_GsmData_ConnectionStartAndStop()
        {
            _device.Exchange("ATE0\r", "OK\r\n$");
            Assert.Equal(Ok, _device.Exchange("AT#GPRS MODE=0\r", "OK\r\n$"));
            Assert.Equal(Ok, _device.Exchange("AT#DIALN1=\"0860000000\"\r", "OK\r\n$"));
            Assert.Equal(Ok, _device.Exchange("AT#ISPUN=\"login\"\r", "OK\r\n$"));
            Assert.Equal(Ok, _device.Exchange("AT#ISPPW=\"password\"\r", "OK\r\n$"));
            // The spec's "xxx.xxx.xxx" is a placeholder; a real address stands in for it.
            Assert.Equal(Ok, _device.Exchange("AT#DNSSERV1=\"192.168.1.1\"\r", "OK\r\n$"));
            string start = _device.Exchange("AT#ConnectionStart\r", "Ok_Info_Ppp\r\n$");
            Assert.Matches("^\r\nDIALING\r\n0860000000\r\n\r\nCONNECT 9600\r\n\r\n" + Address + "\r\n\r\nOk_Info_Ppp\r\n$", start);
            Assert.Equal(Block("#STATE: \"CONNECTED\""), _device.Exchange("AT#VSTATE\r", "OK\r\n$"));
            // +++ needs a second of silence before and after it: OK comes after the call is down.
            Assert.Equal(Ok, _device.Exchange("AT#ConnectionStop\r", "OK\r\n$"));
            Assert.Equal(Block("#STATE: \"IDLE\""), _device.Exchange("AT#VSTATE\r", "OK\r\n$"));
            Assert.Equal(0, _device.Close());
        }

        [Fact]
        public void A52_Gprs_ConnectionStartAndStop()
        {
            _device.Exchange("ATE0\r", "OK\r\n$");
            _device.Exchange("AT+CGATT=1\r", @"\+CGREG: 1\r\n$|OK\r\n$");
            Assert.Equal(Ok, _device.Exchange("AT#GPRSMODE=1\r", "OK\r\n$"));
            Assert.Equal(Ok, _device.Exchange("AT#APNSERV=\"apnserver.com\"\r", "OK\r\n$"));
            Assert.Equal(Ok, _device.Exchange("AT#APNUN=\"login\"\r", "OK\r\n$"));
            Assert.Equal(Ok, _device.Exchange("AT#APNPW=\"password\"\r", "OK\r\n$"));
            string start = _device.Exchange("AT#ConnectionStart\r", "Ok_Info_GprsActivation\r\n$");
            Assert.Matches("^\r\n" + Address + "\r\n\r\nOk_Info_GprsActivation\r\n$", start);
            string ip = Regex.Match(start, Address).Value;
            Assert.Matches("^\r\nMY IP: " + Regex.Escape(ip) + "\r\nGateway IP: " + Address + "\r\n\r\nOK\r\n$",
                _device.Exchange("AT#DISPLAYIP\r", "OK\r\n$"));
            Assert.Equal(Ok, _device.Exchange("AT#ConnectionStop\r", "OK\r\n$"));
            Assert.Equal(Error(35867), _device.Exchange("AT#DISPLAYIP\r", "ERROR: \\d+\r\n$"));
            Assert.Equal(0, _device.Close());
        }
    }
}
