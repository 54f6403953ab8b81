using System;
using System.IO;
using Xunit;

namespace EdSoftNano.Tests.Servers
{
    /// <summary>The fixture's own behaviour, with no server needed: a missing server is an error naming it.</summary>
    public class TestServersTests
    {
        [Fact]
        public void Get_NoServersEnv_ThrowsNamingTheServerAndHowToStartIt()
        {
            string path = Path.Combine(Path.GetTempPath(), "edsoft-no-such-dir-" + Guid.NewGuid().ToString("N"), "servers.env");
            var e = Assert.Throws<InvalidOperationException>(() => TestServers.Load(path).Get("the FTP server (vsftpd)", "FTP"));
            Assert.Contains("the FTP server (vsftpd) is not running", e.Message);
            Assert.Contains(path, e.Message);
            Assert.Contains("tools/test-servers/start.sh", e.Message);
        }

        [Fact]
        public void Get_KeyMissing_ThrowsNamingTheKey()
        {
            string path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "# comment\nEDSOFT_SERVERS_HOST=127.0.0.1\nEDSOFT_FTP_PORT=2121\n");
                TestServer ftp = TestServers.Load(path).Get("the FTP server (vsftpd)", "FTP");
                Assert.Equal(2121, ftp.Port);
                Assert.Equal("127.0.0.1", ftp.Host);
                var e = Assert.Throws<InvalidOperationException>(() => ftp.User);
                Assert.Contains("EDSOFT_FTP_USER is missing", e.Message);
                Assert.Throws<InvalidOperationException>(() => TestServers.Load(path).Get("the POP3 server (dovecot)", "POP3"));
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
