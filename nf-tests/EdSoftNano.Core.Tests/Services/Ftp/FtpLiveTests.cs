using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Servers;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services.Ftp
{
    /// <summary>
    /// #FTPGET and #FTPPUT (spec 4.2, 4.3, A.7) against the real vsftpd of tools/test-servers on real
    /// time; each error code is produced by the failure itself (wrong password, missing file, …).
    /// </summary>
    public class FtpLiveTests
    {
        private const string Banner = "\r\nOk_Info_DataBegin\r\n";
        private const string PutBanner = "\r\nOk_Info_WaitingForData\r\n";
        private const string Ok = "\r\nOK\r\n";

        private static string Error(int code) => "\r\n#CME ERROR: " + code + "\r\n";

        /// <summary>A connected device with FTPSERV, FTPPORT, FTPUN, FTPPW of the test vsftpd and DNS at the test dnsmasq.</summary>
        private static LiveDevice Device(string server = null)
        {
            TestServer ftp = TestServers.Ftp;
            TestServer dns = TestServers.Dns;
            var device = new LiveDevice().Connected();
            ((HostNetStack)device.Bearer.Stack).DnsServerPort = dns.Port;
            Set(device, "DNSSERV1", "\"" + dns.Host + "\"");
            Set(device, "FTPSERV", "\"" + (server ?? ftp.Host) + "\"");
            Set(device, "FTPPORT", ftp.Port.ToString());
            Set(device, "FTPUN", "\"" + ftp.User + "\"");
            Set(device, "FTPPW", "\"" + ftp.Password + "\"");
            return device;
        }

        private static void Set(LiveDevice device, string name, string value) =>
            Assert.Equal(Ok, device.Exchange("AT#" + name + "=" + value + "\r", "OK\r\n$"));

        internal static byte[] Escape(byte[] data)
        {
            var escaped = new MemoryStream();
            foreach (byte b in data)
            {
                if (b == 0x03 || b == 0x10)
                {
                    escaped.WriteByte(0x10);
                }

                escaped.WriteByte(b);
            }

            return escaped.ToArray();
        }

        internal static byte[] Unescape(byte[] data)
        {
            var plain = new MemoryStream();
            for (int i = 0; i < data.Length; i++)
            {
                Assert.NotEqual(0x03, data[i]);
                if (data[i] == 0x10)
                {
                    i++;
                }

                plain.WriteByte(data[i]);
            }

            return plain.ToArray();
        }

        private static string Text(byte[] bytes) => Encoding.Latin1.GetString(bytes);

        /// <summary>Runs #FTPGET and returns the file the host received, checking the banner, the final ETX and OK.</summary>
        internal static byte[] Get(LiveDevice device, int fileLength, int specials)
        {
            device.Type(Encoding.ASCII.GetBytes("AT#FTPGET\r"));
            Assert.Equal(Banner, Text(device.ReadBytes(Banner.Length)));
            byte[] escaped = device.ReadBytes(fileLength + specials, 120000);
            Assert.Equal("\u0003" + Ok, device.ReadUntil("OK\r\n$"));
            return Unescape(escaped);
        }

        internal static int Specials(byte[] data)
        {
            int n = 0;
            foreach (byte b in data)
            {
                n += b == 0x03 || b == 0x10 ? 1 : 0;
            }

            return n;
        }

        [Fact]
        public void FtpPutThenFtpGet_OneMebibyteOfRandomBytes_ComesBackIdentical()
        {
            var random = new Random(20261202);
            byte[] file = new byte[1 << 20];
            random.NextBytes(file);
            for (int i = 0; i < file.Length; i += 37)
            {
                // Many ETX and DLE, also in runs and back to back.
                file[i] = (byte)(i % 3 == 0 ? 0x03 : 0x10);
            }

            string name = "roundtrip-" + Guid.NewGuid().ToString("N") + ".bin";
            var device = Device();
            Set(device, "FTPPUTPATH", "\"/upload\"");
            Set(device, "FTPPUTFILENAME", "\"" + name + "\"");
            Assert.Equal(PutBanner, device.Exchange("AT#FTPPUT\r", "Ok_Info_WaitingForData\r\n$"));
            byte[] escaped = Escape(file);
            byte[] input = new byte[escaped.Length + 1];
            escaped.CopyTo(input, 0);
            input[escaped.Length] = 0x03;
            device.Type(input);
            Assert.Equal(Ok, device.ReadUntil("OK\r\n$", 120000));
            Assert.Equal(file, File.ReadAllBytes(Path.Combine(TestServers.Ftp.Setting("UPLOAD_DIR"), name)));

            Set(device, "FTPGETPATH", "\"/upload\"");
            Set(device, "FTPGETFILENAME", "\"" + name + "\"");
            Assert.Equal(file, Get(device, file.Length, Specials(file)));
        }

        [Fact]
        public void FtpGet_HelloTxtByHostName_AppendixA72_ExactBytesOnTheUart()
        {
            byte[] hello = File.ReadAllBytes(Path.Combine(RepoRoot.Path, "tools", "test-servers", "conf", "ftp", "hello.txt"));
            Assert.Equal(43, hello.Length);
            var device = Device("ftp.edsoft.test");
            Set(device, "FTPGETFILENAME", "\"hello.txt\"");
            string answer = device.Exchange("AT#FTPget\r", "\u0003\r\nOK\r\n$");
            Assert.Equal(Banner + Text(Escape(hello)) + "\u0003" + Ok, answer);
        }

        [Fact]
        public void FtpGet_BlobBinFromRoot_TypeI_HasEveryByte()
        {
            byte[] blob = new byte[65536];
            for (int i = 0; i < blob.Length; i++)
            {
                blob[i] = (byte)(i % 251);
            }

            var device = Device();
            Set(device, "FTPGETPATH", "\"/\"");
            Set(device, "FTPGETFILENAME", "\"blob.bin\"");
            Set(device, "FTPTYPE", "I");
            Assert.Equal(blob, Get(device, blob.Length, Specials(blob)));
        }

        [Fact]
        public void FtpPut_EmptyFileInRelativePath_ThenTheServiceIsFreeForAnother()
        {
            string name = "empty-" + Guid.NewGuid().ToString("N") + ".txt";
            var device = Device();
            Set(device, "FTPPUTPATH", "\"upload\"");
            Set(device, "FTPPUTFILENAME", "\"" + name + "\"");
            Assert.Equal(PutBanner, device.Exchange("AT#FTPPUT\r", "Ok_Info_WaitingForData\r\n$"));
            device.Type(new byte[] { 0x03 });
            Assert.Equal(Ok, device.ReadUntil("OK\r\n$"));
            Assert.Equal(0, new FileInfo(Path.Combine(TestServers.Ftp.Setting("UPLOAD_DIR"), name)).Length);
            Set(device, "FTPUN", "\"x\"");
            Set(device, "FTPGETFILENAME", "\"hello.txt\"");
            Assert.Equal(Error(ErrorCodes.PasswordRejected), device.Exchange("AT#FTPGET\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpGet_WrongPassword_Is38081()
        {
            var device = Device();
            Set(device, "FTPPW", "\"wrong-pw\"");
            Set(device, "FTPGETFILENAME", "\"hello.txt\"");
            Assert.Equal(Error(ErrorCodes.PasswordRejected), device.Exchange("AT#FTPGET\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpGet_UnknownUserOnVsftpd_Is38081_BecauseVsftpdRejectsOnlyThePassword()
        {
            var device = Device();
            Set(device, "FTPUN", "\"nobody-here\"");
            Set(device, "FTPGETFILENAME", "\"hello.txt\"");
            Assert.Equal(Error(ErrorCodes.PasswordRejected), device.Exchange("AT#FTPGET\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpGet_ServerRejectsUser_Is38080()
        {
            using var server = new ScriptedFtpServer(command => command.StartsWith("USER ") ? "530 Permission denied.\r\n" : "500 ?\r\n");
            var device = Device();
            Set(device, "FTPPORT", server.Port.ToString());
            Set(device, "FTPGETFILENAME", "\"hello.txt\"");
            Assert.Equal(Error(ErrorCodes.UsernameRejected), device.Exchange("AT#FTPGET\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpGet_UnknownFile_Is38024_WithoutEtx()
        {
            var device = Device();
            Set(device, "FTPGETFILENAME", "\"no-such-file.txt\"");
            Assert.Equal(Error(ErrorCodes.DataRetrieveFailed), device.Exchange("AT#FTPGET\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpGet_BadPath_Is38022()
        {
            var device = Device();
            Set(device, "FTPGETPATH", "\"/no/such/dir\"");
            Set(device, "FTPGETFILENAME", "\"hello.txt\"");
            Assert.Equal(Error(ErrorCodes.ChangeDirectoryFailed), device.Exchange("AT#FTPGET\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpPut_BadPath_Is38022()
        {
            var device = Device();
            Set(device, "FTPPUTPATH", "\"/no/such/dir\"");
            Set(device, "FTPPUTFILENAME", "\"x.txt\"");
            Assert.Equal(Error(ErrorCodes.ChangeDirectoryFailed), device.Exchange("AT#FTPPUT\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpPut_IntoReadOnlyRoot_StorRefused_Is38017_BeforeDataMode()
        {
            var device = Device();
            Set(device, "FTPPUTPATH", "\"/\"");
            Set(device, "FTPPUTFILENAME", "\"not-allowed.txt\"");
            Assert.Equal(Error(ErrorCodes.DataSendFailed), device.Exchange("AT#FTPPUT\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpGet_RefusedPort_Is38016()
        {
            var closed = new TcpListener(IPAddress.Loopback, 0);
            closed.Start();
            int port = ((IPEndPoint)closed.LocalEndpoint).Port;
            closed.Stop();
            var device = Device();
            Set(device, "FTPPORT", port.ToString());
            Set(device, "FTPGETFILENAME", "\"hello.txt\"");
            Assert.Equal(Error(ErrorCodes.OpenSessionFailed), device.Exchange("AT#FTPGET\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpGet_NoDnsAnswerForNxName_Is38027()
        {
            var device = Device(TestServers.Dns.Setting("NXNAME"));
            Set(device, "FTPGETFILENAME", "\"hello.txt\"");
            Assert.Equal(Error(ErrorCodes.DnsFailed), device.Exchange("AT#FTPGET\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpGet_ServerFailsAfterDataBegan_EtxThen38024()
        {
            using var server = new ScriptedFtpServer(command =>
                command.StartsWith("USER ") ? "331 pw\r\n"
                : command.StartsWith("PASS ") ? "230 in\r\n"
                : command.StartsWith("TYPE ") ? "200 type\r\n"
                : command == "PASV" ? "227 Entering Passive Mode ({PASV}).\r\n"
                : command.StartsWith("RETR ") ? "150 here it comes\r\n"
                : "500 ?\r\n")
            {
                DataBytes = new byte[] { (byte)'a', 0x03, (byte)'b' },
                AfterData = "451 Local error in processing.\r\n",
            };
            var device = Device();
            Set(device, "FTPPORT", server.Port.ToString());
            Set(device, "FTPGETFILENAME", "\"f.bin\"");
            Assert.Equal(Banner + "a\u0010\u0003b\u0003" + Error(ErrorCodes.DataRetrieveFailed),
                device.Exchange("AT#FTPGET\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void FtpGet_TypeA_HelloTxt_Arrives()
        {
            byte[] hello = File.ReadAllBytes(Path.Combine(RepoRoot.Path, "tools", "test-servers", "conf", "ftp", "hello.txt"));
            var device = Device();
            Set(device, "FTPTYPE", "A");
            Set(device, "FTPGETPATH", "\".\"");
            Set(device, "FTPGETFILENAME", "\"hello.txt\"");
            Assert.Equal(Banner + Text(Escape(hello)) + "\u0003" + Ok, device.Exchange("AT#FTPGET\r", "\u0003\r\nOK\r\n$"));
        }

        [Fact]
        public void FtpPut_GprsLostDuringData_EtxThen35841Once_ThenIdle()
        {
            var device = Device();
            Set(device, "FTPPUTPATH", "\"/upload\"");
            Set(device, "FTPPUTFILENAME", "\"lost.bin\"");
            Assert.Equal(PutBanner, device.Exchange("AT#FTPPUT\r", "Ok_Info_WaitingForData\r\n$"));
            device.Type(new byte[] { 1, 2, 4 });
            Assert.Equal("", device.RunFor(100));
            device.Modem.DropCall(gprsLost: true);
            // The host learns that data mode ended before it reads the error, and reads it once.
            Assert.Equal("\u0003" + Error(ErrorCodes.GprsSessionLost), device.ReadUntil("ERROR: 35841\r\n$", 5000));
            Assert.Equal("", device.RunFor(300));
            Assert.Equal("\r\n#STATE: \"IDLE\"\r\n\r\nOK\r\n", device.Exchange("AT#VSTATE\r", "OK\r\n$"));
        }
    }
}
