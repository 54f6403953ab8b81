using System;
using System.IO;
using System.Net.Sockets;
using System.Text;
using EdSoftNano.At;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.VirtualDevice
{
    /// <summary>The virtual device as a process: stdin/stdout, --flash, --tcp (issue: foundation, acceptance).</summary>
    public sealed class VirtualDeviceTests : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("edsoftnano-vd-").FullName;

        /// <summary>ATE0 is echoed: echo was still on when it arrived.</summary>
        private static readonly string EchoOff = "ATE0\r" + Ok;

        private string FlashArg => "--flash \"" + Path.Combine(_dir, "flash.bin") + "\"";

        public void Dispose() => Directory.Delete(_dir, true);

        [Fact]
        public void Stdin_AcceptanceScript_PrintsVersionDefaultsErrorAndOk()
        {
            var (output, exit) = VirtualDeviceProcess.Pipe(FlashArg,
                "AT#VVERSION\rAT#VALL\rAT#PPPMODE=7\rAT#DNSSERV1=\"1.2.3.4\"\r");
            Assert.Equal(0, exit);
            string expectedVall = new DeviceHarness().Send("AT#VALL\r");
            Assert.Equal(
                "AT#VVERSION\r" + Block("#VERSION: \"" + FirmwareVersion.Full + "\"")
                + "AT#VALL\r" + expectedVall
                + "AT#PPPMODE=7\r" + Error(ErrorCodes.BadArgumentValue)
                + "AT#DNSSERV1=\"1.2.3.4\"\r" + Ok,
                output);
            Assert.Contains("#GPRSMODE: 1\r\n", expectedVall);
        }

        [Fact]
        public void Restart_WithTheSameFlash_KeepsTheValue_AndDelFlashBringsTheDefaultBack()
        {
            Assert.Equal(0, VirtualDeviceProcess.Pipe(FlashArg, "ATE0\rAT#DNSSERV1=\"1.2.3.4\"\r").ExitCode);
            Assert.Equal(EchoOff + Block("#DNSSERV1: \"1.2.3.4\"") + Ok,
                VirtualDeviceProcess.Pipe(FlashArg, "ATE0\rAT#DNSSERV1?\rAT#DELFLASH\r").Output);
            Assert.Equal(EchoOff + Block("#DNSSERV1: \"0.0.0.0\""),
                VirtualDeviceProcess.Pipe(FlashArg, "ATE0\rAT#DNSSERV1?\r").Output);
        }

        [Fact]
        public void Stdin_PlainAtCommand_GoesToTheSimulatedModem()
        {
            Assert.Equal(EchoOff + "\r\n+CPIN: READY\r\n" + Ok, VirtualDeviceProcess.Pipe(FlashArg, "ATE0\rAT+CPIN?\r").Output);
        }

        [Fact]
        public void Stdin_EndsInsideAModemCommand_TheCommandFinishesFirst()
        {
            Assert.Equal(EchoOff + "\r\n+CSQ: 20,0\r\n" + Ok + Block("#STATE: \"IDLE\""),
                VirtualDeviceProcess.Pipe(FlashArg, "ATE0\rAT+CSQ\rAT#VSTATE\r").Output);
        }

        [Fact]
        public void Tcp_ServesOneHostAtATime_AndKeepsStateBetweenConnections()
        {
            int port = FreePort();
            using var process = VirtualDeviceProcess.Start("--tcp " + port + " " + FlashArg, redirectInput: false);
            try
            {
                using (var first = Connect(port))
                {
                    Assert.Equal("ATE0\r" + Ok, Exchange(first, "ATE0\r", "OK\r\n"));
                    Assert.Equal(Ok, Exchange(first, "AT#PINGNUM=9\r", "OK\r\n"));
                }

                using (var second = Connect(port))
                {
                    // Same device, still without echo: ATE0 stayed in force like on a serial line.
                    Assert.Equal(Block("#PINGNUM: 9"), Exchange(second, "AT#PINGNUM?\r", "OK\r\n"));
                }
            }
            finally
            {
                process.Kill(true);
                process.WaitForExit();
            }
        }

        private static int FreePort()
        {
            var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private static TcpClient Connect(int port)
        {
            DateTime until = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    return new TcpClient("127.0.0.1", port);
                }
                catch (SocketException) when (DateTime.UtcNow < until)
                {
                    System.Threading.Thread.Sleep(100);
                }
            }
        }

        private static string Exchange(TcpClient client, string send, string until)
        {
            NetworkStream stream = client.GetStream();
            stream.ReadTimeout = 20000;
            byte[] bytes = Encoding.ASCII.GetBytes(send);
            stream.Write(bytes, 0, bytes.Length);
            var received = new StringBuilder();
            var buffer = new byte[1024];
            while (!received.ToString().EndsWith(until, StringComparison.Ordinal))
            {
                int n = stream.Read(buffer, 0, buffer.Length);
                if (n <= 0)
                {
                    break;
                }

                received.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }

            return received.ToString();
        }
    }
}
