using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Ppp;
using EdSoftNano.Tests.Servers;
using EdSoftNano.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.VirtualDevice
{
    /// <summary>
    /// <c>--modem serial:DEV@BAUD</c> for real: the virtual device opens one end of a socat pty pair
    /// with System.IO.Ports as it would a USB modem; behind the other end the test runs the
    /// simulated modem (its data calls carried to slirp), so the AT dialogue, the dial and PPP with
    /// the managed stack all cross a real tty.
    /// </summary>
    [Collection("RealPppPeers")]
    public sealed class SerialModemProcessTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("edsoftnano-vd-serial-").FullName;
        private readonly ITestOutputHelper _out;

        public SerialModemProcessTests(ITestOutputHelper output) { _out = output; }

        public void Dispose() => Directory.Delete(_dir, true);

        [Fact]
        public void SerialModem_GsmCallThroughATty_PppUpAndOudpEchoes()
        {
            string ours = Path.Combine(_dir, "modem"), theirs = Path.Combine(_dir, "sim");
            using Process socat = Process.Start(new ProcessStartInfo("/usr/bin/socat")
            {
                ArgumentList = { "PTY,link=" + ours + ",raw,echo=0", "PTY,link=" + theirs + ",raw,echo=0" },
                UseShellExecute = false,
            });
            for (int i = 0; i < 100 && !(File.Exists(ours) && File.Exists(theirs)); i++) { Thread.Sleep(20); }
            Assert.True(File.Exists(ours) && File.Exists(theirs), "socat made no pty pair");

            string slirp = Path.Combine(RepoRoot.Path, "tools", "ppp-peers", "slirp-isp.sh");
            var modem = new SimulatedModem(new EdSoftNano.VirtualDevice.SystemClock()) { CallPeer = new ProcessCallPeer(slirp + " none") };
            using var tty = new PtyByteLink(theirs);
            bool stop = false;
            var bridge = new Thread(() =>
            {
                byte[] up = new byte[512], down = new byte[512];
                while (!Volatile.Read(ref stop))
                {
                    int n = tty.Read(up, 0, up.Length, 2);
                    if (n > 0) { modem.Write(up, 0, n); }
                    int m = modem.Read(down, 0, down.Length, 0);
                    if (m > 0) { tty.Write(down, 0, m); }
                }
            }) { IsBackground = true };
            bridge.Start();

            using var device = new InteractiveDevice("--flash \"" + Path.Combine(_dir, "flash.bin") + "\" --modem serial:" + ours + "@115200");
            try
            {
                Assert.Equal("ATE0\r" + Ok, device.Exchange("ATE0\r", "OK\r\n"));
                device.Exchange("AT#GPRSMODE=0\rAT#DIALN1=\"0612345678\"\r", "(OK\r\n.*){2}");
                Assert.Equal("\r\nDIALING\r\n0612345678\r\n\r\nCONNECT 9600\r\n\r\n10.0.2.15\r\n\r\nOk_Info_Ppp\r\n",
                    device.Exchange("AT#CONNECTIONSTART\r", @"Ok_Info_Ppp\r\n|ERROR: \d+\r\n", 30000));

                device.Exchange("AT#UDPSERV=\"127.0.0.1\"\rAT#UDPPORT=" + TestServers.UdpEcho.Port + "\rAT#UDPTXDELAY=0\r", "(OK\r\n.*){3}");
                Assert.Equal("\r\nOk_Info_WaitingForData\r\n", device.Exchange("AT#OUDP\r", "WaitingForData\r\n"));
                Assert.Equal("over a tty", device.Exchange("over a tty", "tty$", 10000));
                Assert.Equal("\u0003\r\nOk_Info_SocketClosed\r\n" + Ok, device.Exchange("\u0003", "OK\r\n$"));
                Assert.Equal(Ok, device.Exchange("AT#CONNECTIONSTOP\r", "OK\r\n", 15000));
                Assert.Equal(0, device.Close());
            }
            finally
            {
                Volatile.Write(ref stop, true);
                bridge.Join(2000);
                _out.WriteLine(device.ErrorLog);
                if (!socat.HasExited) { socat.Kill(); }
            }

            // The bridge thread is done with the modem: what it was told is safe to read now.
            Assert.Contains("ATD0612345678", modem.Received);
            Assert.Contains("ATH", modem.Received);
        }
    }
}
