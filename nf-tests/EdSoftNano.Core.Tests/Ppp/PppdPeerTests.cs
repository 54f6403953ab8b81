using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using EdSoftNano.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// Our PppLink as client against real pppd 2.4.9 (../shared/PEERS.md section 2): the host kernel has
    /// no PPP (/dev/ppp), so pppd runs inside User-Mode Linux, its /dev/ttyS0 one end of a socat pty
    /// pair, our link the other end, on real time. Fails (does not skip) when a peer is missing.
    /// </summary>
    [Collection("RealPppPeers")]
    public class PppdPeerTests
    {
        private const string Uml = "/usr/bin/linux.uml";
        private const string Pppd = "/usr/sbin/pppd";
        private const string Socat = "/usr/bin/socat";
        private readonly ITestOutputHelper _out;

        public PppdPeerTests(ITestOutputHelper output) { _out = output; }

        [Theory]
        [InlineData("noauth", 0)]
        [InlineData("require-pap", PppProtocol.Pap)]
        [InlineData("require-chap", PppProtocol.Chap)]
        public void Pppd_AsServer_OurClientReachesUp_WithAddressesAndDns(string pppdAuth, int expectedAuth)
        {
            Assert.True(File.Exists(Uml), "user-mode-linux is not installed (tools/test-servers/install.sh)");
            Assert.True(File.Exists(Pppd), "ppp (pppd) is not installed (tools/test-servers/install.sh)");
            Assert.True(File.Exists(Socat), "socat is not installed (tools/test-servers/install.sh)");
            string init = Path.Combine(RepoRoot.Path, "tools", "ppp-peers", "uml-pppd-init.sh");
            Assert.True(File.Exists(init), init);

            string dir = Path.Combine(Path.GetTempPath(), "edsoft-pppd-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            string ours = Path.Combine(dir, "ours"), theirs = Path.Combine(dir, "theirs");
            var log = new StringBuilder();
            Process socat = null, uml = null;
            PtyByteLink link = null;
            try
            {
                socat = Process.Start(new ProcessStartInfo(Socat)
                {
                    ArgumentList = { "PTY,link=" + ours + ",raw,echo=0", "PTY,link=" + theirs + ",raw,echo=0" },
                    RedirectStandardError = true,
                    UseShellExecute = false,
                });
                for (int i = 0; i < 100 && !(File.Exists(ours) && File.Exists(theirs)); i++) { Thread.Sleep(20); }
                Assert.True(File.Exists(ours) && File.Exists(theirs), "socat made no pty pair");

                string cmd = "exec " + Uml + " root=/dev/root rootfstype=hostfs rootflags=/ ro init=" + init
                    + " mem=128M con=null con0=fd:0,fd:1 ssl0=fd:3 PPPD_AUTH=" + pppdAuth
                    + " PPPD_ADDRS=10.64.0.1:10.64.0.2 PPPD_DNS1=10.64.0.53 PPPD_USER=edsoft PPPD_SECRET=s3cret"
                    + " 3<>" + theirs + " </dev/null 2>&1";
                var psi = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", cmd }, RedirectStandardOutput = true, UseShellExecute = false };
                uml = Process.Start(psi);
                uml.OutputDataReceived += (s, e) => { if (e.Data != null) { lock (log) { log.AppendLine(e.Data); } } };
                uml.BeginOutputReadLine();

                link = new PtyByteLink(ours);
                var capture = new PppCaptureLink(link);
                var client = new PppLink(capture, (uint)Environment.TickCount);
                client.ConfigureClient(0);
                var auth = new PppAuthenticator(client, new byte[AuthCodec.TxBufferLength], 0x1234);
                auth.SetClientCredentials("edsoft", "s3cret");
                client.SetAuthenticator(new PppAuthenticatorHook(auth));

                var clock = Stopwatch.StartNew();
                client.Start(clock.ElapsedMilliseconds);
                while (client.State == PppLinkState.Starting && clock.ElapsedMilliseconds < 60000)
                {
                    client.Poll(clock.ElapsedMilliseconds, 20);
                }

                long upMs = clock.ElapsedMilliseconds;
                _out.WriteLine("state " + client.State + " code " + client.FailureCode + " after " + upMs + " ms");
                Assert.Equal(PppLinkState.Up, client.State);
                Assert.Equal(PppLinkTests.Ip(10, 64, 0, 2), client.LocalAddress);
                Assert.Equal(PppLinkTests.Ip(10, 64, 0, 1), client.PeerAddress);
                Assert.Equal(PppLinkTests.Ip(10, 64, 0, 53), client.Dns1);
                Assert.Equal(PppLinkTests.Ip(10, 64, 0, 53), client.Dns2);   // pppd with one ms-dns Naks the secondary to the same server
                Assert.Equal(expectedAuth, client.Lcp.PeerAuth);
                Assert.Equal(0, client.Decoder.FcsErrors);

                // pppd's own view: IPCP up with the same addresses.
                Assert.True(WaitFor(log, "remote IP address 10.64.0.2", 10000), "pppd did not open IPCP:\n" + Text(log));
                Assert.Contains("local  IP address 10.64.0.1", Text(log));

                // Clean termination: LCP Terminate, pppd exits, UML halts.
                client.Stop(clock.ElapsedMilliseconds);
                long stopBy = clock.ElapsedMilliseconds + 15000;
                while (client.State == PppLinkState.Stopping && clock.ElapsedMilliseconds < stopBy)
                {
                    client.Poll(clock.ElapsedMilliseconds, 20);
                }

                Assert.Equal(PppLinkState.Down, client.State);
                Assert.True(WaitFor(log, "rcvd [LCP TermReq", 5000) || WaitFor(log, "LCP terminated by peer", 5000), "pppd saw no Terminate:\n" + Text(log));
                Assert.Equal(PppLinkEnd.Stopped, client.End);
                TsharkOracle.AssertClean(Path.Combine(dir, "pcap"), "pppd-" + pppdAuth, capture.Frames);
            }
            finally
            {
                _out.WriteLine(Text(log));
                Kill(uml);
                link?.Dispose();
                Kill(socat);
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }

        [Fact]
        public void Pppd_RequirePap_WrongPassword_OurClientFails37120()
        {
            Assert.True(File.Exists(Uml), "user-mode-linux is not installed (tools/test-servers/install.sh)");
            Assert.True(File.Exists(Pppd), "ppp (pppd) is not installed (tools/test-servers/install.sh)");
            string init = Path.Combine(RepoRoot.Path, "tools", "ppp-peers", "uml-pppd-init.sh");
            string dir = Path.Combine(Path.GetTempPath(), "edsoft-pppd-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            string ours = Path.Combine(dir, "ours"), theirs = Path.Combine(dir, "theirs");
            var log = new StringBuilder();
            Process socat = null, uml = null;
            PtyByteLink link = null;
            try
            {
                socat = Process.Start(new ProcessStartInfo(Socat)
                {
                    ArgumentList = { "PTY,link=" + ours + ",raw,echo=0", "PTY,link=" + theirs + ",raw,echo=0" },
                    RedirectStandardError = true,
                    UseShellExecute = false,
                });
                for (int i = 0; i < 100 && !(File.Exists(ours) && File.Exists(theirs)); i++) { Thread.Sleep(20); }
                string cmd = "exec " + Uml + " root=/dev/root rootfstype=hostfs rootflags=/ ro init=" + init
                    + " mem=128M con=null con0=fd:0,fd:1 ssl0=fd:3 PPPD_AUTH=require-pap"
                    + " PPPD_ADDRS=10.64.0.1:10.64.0.2 PPPD_DNS1=10.64.0.53 PPPD_USER=edsoft PPPD_SECRET=s3cret"
                    + " 3<>" + theirs + " </dev/null 2>&1";
                uml = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", cmd }, RedirectStandardOutput = true, UseShellExecute = false });
                uml.OutputDataReceived += (s, e) => { if (e.Data != null) { lock (log) { log.AppendLine(e.Data); } } };
                uml.BeginOutputReadLine();

                link = new PtyByteLink(ours);
                var capture = new PppCaptureLink(link);
                var client = new PppLink(capture, (uint)Environment.TickCount);
                client.ConfigureClient(0);
                var auth = new PppAuthenticator(client, new byte[AuthCodec.TxBufferLength], 0x1234);
                auth.SetClientCredentials("edsoft", "wrong");
                client.SetAuthenticator(new PppAuthenticatorHook(auth));
                var clock = Stopwatch.StartNew();
                client.Start(clock.ElapsedMilliseconds);
                while (client.State == PppLinkState.Starting && clock.ElapsedMilliseconds < 60000)
                {
                    client.Poll(clock.ElapsedMilliseconds, 20);
                }

                Assert.Equal(PppLinkState.Failed, client.State);
                Assert.Equal(37120, client.FailureCode);
                Assert.True(WaitFor(log, "PAP AuthNak", 5000), "pppd did not refuse us:\n" + Text(log));
                TsharkOracle.AssertClean(Path.Combine(dir, "pcap"), "pppd-wrong-pap", capture.Frames);
            }
            finally
            {
                _out.WriteLine(Text(log));
                Kill(uml);
                link?.Dispose();
                Kill(socat);
                try { Directory.Delete(dir, true); } catch (IOException) { }
            }
        }

        private static string Text(StringBuilder log) { lock (log) { return log.ToString(); } }

        private static bool WaitFor(StringBuilder log, string what, int ms)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < ms)
            {
                if (Text(log).Contains(what)) { return true; }
                Thread.Sleep(50);
            }

            return Text(log).Contains(what);
        }

        private static void Kill(Process p)
        {
            if (p == null) { return; }
            try
            {
                if (!p.HasExited) { p.Kill(true); p.WaitForExit(5000); }
            }
            catch (InvalidOperationException) { }

            p.Dispose();
        }
    }
}
