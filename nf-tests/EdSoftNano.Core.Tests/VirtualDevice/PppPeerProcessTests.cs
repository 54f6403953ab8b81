using System;
using System.IO;
using System.Linq;
using System.Threading;
using EdSoftNano.At;
using EdSoftNano.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.VirtualDevice
{
    /// <summary>
    /// The virtual device as a process with <c>--ppp-peer</c>: the simulated modem's GSM data call is
    /// carried to a real PPP "ISP" (tools/ppp-peers/slirp-isp.sh, tools/ppp-peers/pppd-in-uml.sh) and the
    /// firmware's own PPP client negotiates with it. Asserted byte for byte as the host sees it:
    /// AT#CONNECTIONSTART's DIALING … Ok_Info_Ppp, AT#DISPLAYIP, AT#CONNECTIONSTOP, and a wrong
    /// password's 37120. Real time; a missing tool fails with its name (the scripts say it on stderr).
    /// </summary>
    [Collection("RealPppPeers")]
    public sealed class PppPeerProcessTests : IDisposable
    {
        private const string Number = "0612345678";
        private readonly string _dir = Directory.CreateTempSubdirectory("edsoftnano-vd-ppp-").FullName;
        private readonly ITestOutputHelper _out;

        public PppPeerProcessTests(ITestOutputHelper output) { _out = output; }

        public void Dispose() => Directory.Delete(_dir, true);

        private static string Script(string name)
        {
            string path = Path.Combine(RepoRoot.Path, "tools", "ppp-peers", name);
            Assert.True(File.Exists(path), path);
            return path;
        }

        /// <summary>A user name no other run shares, to find this call's peer processes in /proc.</summary>
        private static string UniqueUser() => "ed" + Guid.NewGuid().ToString("N").Substring(0, 8);

        /// <summary>The peer scripts' TMPDIR: their temporary directory appears here and must be gone after the hang-up.</summary>
        private string PeerTmp => Path.Combine(_dir, "peer-tmp");

        private InteractiveDevice Start(string peerCommand)
        {
            Directory.CreateDirectory(PeerTmp);
            return new InteractiveDevice("--flash \"" + Path.Combine(_dir, "flash.bin") + "\" --ppp-peer \"TMPDIR=" + PeerTmp + " " + peerCommand + "\"");
        }

        /// <summary>
        /// The call's peer is gone after the hang-up, and it went by its own clean-up (closed stdin → it
        /// stopped its children and removed its temporary directory), not by the device's kill after 2 s.
        /// </summary>
        private void AssertPeerCleanedUp(InteractiveDevice device, string user, string script)
        {
            Assert.True(PeerGone(device, user, 5000), script + " left processes behind after the hang-up");
            Assert.True(Directory.GetFileSystemEntries(PeerTmp).Length == 0,
                script + " left its temporary directory: " + string.Join(", ", Directory.GetFileSystemEntries(PeerTmp)));
        }

        /// <summary>ATE0, the GSM ISP login and the number to dial: each answered OK.</summary>
        private static void Configure(InteractiveDevice device, string user, string password)
        {
            Assert.Equal("ATE0\r" + Ok, device.Exchange("ATE0\r", "OK\r\n"));
            Assert.Equal(Ok, device.Exchange("AT#ISPUN=\"" + user + "\"\r", "OK\r\n"));
            Assert.Equal(Ok, device.Exchange("AT#ISPPW=\"" + password + "\"\r", "OK\r\n"));
            Assert.Equal(Ok, device.Exchange("AT#GPRSMODE=0\r", "OK\r\n"));
            Assert.Equal(Ok, device.Exchange("AT#DIALN1=\"" + Number + "\"\r", "OK\r\n"));
        }

        private static string ConnectionStart(InteractiveDevice device)
        {
            return device.Exchange("AT#CONNECTIONSTART\r", @"Ok_Info_Ppp\r\n|ERROR: \d+\r\n", 30000);
        }

        /// <summary>Processes other than us and the device whose command line holds <paramref name="marker"/>: the call's peer.</summary>
        private static int[] ProcessesWith(string marker, int device)
        {
            return Directory.GetDirectories("/proc")
                .Select(d => Path.GetFileName(d))
                .Where(n => n.All(char.IsDigit))
                .Where(n =>
                {
                    try { return File.ReadAllText("/proc/" + n + "/cmdline").Contains(marker); }
                    catch (IOException) { return false; }
                    catch (UnauthorizedAccessException) { return false; }
                })
                .Select(int.Parse)
                .Where(pid => pid != Environment.ProcessId && pid != device)
                .ToArray();
        }

        private static bool PeerGone(InteractiveDevice device, string marker, int ms)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(ms);
            while (ProcessesWith(marker, device.Pid).Length > 0 && DateTime.UtcNow < deadline) { Thread.Sleep(100); }
            return ProcessesWith(marker, device.Pid).Length == 0;
        }

        /// <summary>
        /// AT#VSTATE until the session is IDLE again: after a failed negotiation it shows DISCONNECTING
        /// while the modem hangs up, which takes a moment of real time.
        /// </summary>
        private static void AssertBackToIdle(InteractiveDevice device)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(10000);
            string state;
            while ((state = device.Exchange("AT#VSTATE\r", "OK\r\n")) != Block("#STATE: \"IDLE\"") && DateTime.UtcNow < deadline)
            {
                Assert.Equal(Block("#STATE: \"DISCONNECTING\""), state);
                Thread.Sleep(100);
            }

            Assert.Equal(Block("#STATE: \"IDLE\""), state);
        }

        [Fact]
        public void SlirpIsp_Pap_ConnectionStart_ExactHostBytes_DisplayIp_Stop()
        {
            string user = UniqueUser();
            using var device = Start(Script("slirp-isp.sh") + " pap " + user + " s3cret");
            try
            {
                Configure(device, user, "s3cret");
                Assert.Equal("\r\nDIALING\r\n" + Number + "\r\n\r\nCONNECT 9600\r\n\r\n10.0.2.15\r\n\r\nOk_Info_Ppp\r\n", ConnectionStart(device));
                Assert.Equal(Block("MY IP: 10.0.2.15", "PEER IP: 10.0.2.2"), device.Exchange("AT#DISPLAYIP\r", "OK\r\n"));
                Assert.NotEmpty(ProcessesWith(user, device.Pid));   // the marker finds the call's peer while it runs
                Assert.NotEmpty(Directory.GetFileSystemEntries(PeerTmp));   // and its temporary directory
                Assert.Equal(Ok, device.Exchange("AT#CONNECTIONSTOP\r", "OK\r\n"));
                AssertBackToIdle(device);
                AssertPeerCleanedUp(device, user, "slirp-isp.sh");
                Assert.Equal(0, device.Close());
            }
            finally
            {
                _out.WriteLine(device.ErrorLog);
            }
        }

        [Fact]
        public void SlirpIsp_Pap_WrongPassword_37120()
        {
            string user = UniqueUser();
            using var device = Start(Script("slirp-isp.sh") + " pap " + user + " s3cret");
            try
            {
                Configure(device, user, "wrong");
                Assert.Equal("\r\nDIALING\r\n" + Number + "\r\n\r\nCONNECT 9600\r\n" + Error(ErrorCodes.PppClientNegotiationFailed), ConnectionStart(device));
                AssertBackToIdle(device);
                AssertPeerCleanedUp(device, user, "slirp-isp.sh");
            }
            finally
            {
                _out.WriteLine(device.ErrorLog);
            }
        }

        [Fact]
        public void PppdInUml_Chap_ConnectionStart_ExactHostBytes_DisplayIp_Stop()
        {
            string user = UniqueUser();
            using var device = Start("PPPD_ADDRS=10.66.0.1:10.66.0.2 PPPD_DNS1=10.66.0.53 PPPD_DNS2=10.66.0.54 "
                + Script("pppd-in-uml.sh") + " chap " + user + " s3cret");
            try
            {
                Configure(device, user, "s3cret");
                Assert.Equal("\r\nDIALING\r\n" + Number + "\r\n\r\nCONNECT 9600\r\n\r\n10.66.0.2\r\n\r\nOk_Info_Ppp\r\n", ConnectionStart(device));
                Assert.Equal(Block("MY IP: 10.66.0.2", "PEER IP: 10.66.0.1"), device.Exchange("AT#DISPLAYIP\r", "OK\r\n"));
                // pppd's own view (its debug log comes through the device's stderr): CHAP, then IPCP up.
                Assert.True(device.WaitForError("sent [CHAP Success", 5000), "pppd did not accept our CHAP Response");
                Assert.True(device.WaitForError("remote IP address 10.66.0.2", 5000), "pppd did not open IPCP");
                Assert.Contains("ms-dns1 10.66.0.53> <ms-dns2 10.66.0.54>]", device.ErrorLog);

                Assert.NotEmpty(ProcessesWith(user, device.Pid));   // the marker finds the call's peer while it runs
                Assert.NotEmpty(Directory.GetFileSystemEntries(PeerTmp));   // and its temporary directory
                Assert.Equal(Ok, device.Exchange("AT#CONNECTIONSTOP\r", "OK\r\n"));
                AssertBackToIdle(device);
                Assert.True(device.WaitForError("LCP terminated by peer", 5000), "pppd saw no Terminate-Request");
                AssertPeerCleanedUp(device, user, "pppd-in-uml.sh");
                Assert.Equal(0, device.Close());
            }
            finally
            {
                _out.WriteLine(device.ErrorLog);
            }
        }

        [Fact]
        public void PppdInUml_Chap_WrongPassword_37120()
        {
            string user = UniqueUser();
            using var device = Start(Script("pppd-in-uml.sh") + " chap " + user + " s3cret");
            try
            {
                Configure(device, user, "wrong");
                Assert.Equal("\r\nDIALING\r\n" + Number + "\r\n\r\nCONNECT 9600\r\n" + Error(ErrorCodes.PppClientNegotiationFailed), ConnectionStart(device));
                Assert.True(device.WaitForError("sent [CHAP Failure", 5000), "pppd did not refuse our CHAP Response");
                AssertBackToIdle(device);
                AssertPeerCleanedUp(device, user, "pppd-in-uml.sh");
            }
            finally
            {
                _out.WriteLine(device.ErrorLog);
            }
        }
    }
}
