using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using EdSoftNano.Ports;
using Xunit;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// slirp-fullbolt as a userspace PPP "ISP" (../shared/PEERS.md section 1), started inside the test with
    /// a private HOME holding .pap-secrets / .chap-secrets, reached through
    /// <c>socat - EXEC:'slirp-fullbolt ppp ...'</c> (socat's EXEC gives slirp the read/write fd 0 it needs);
    /// this object is the IByteLink over socat's stdin/stdout, on real time. Stopped by PID on Dispose.
    /// </summary>
    public sealed class SlirpPeer : IByteLink, IDisposable
    {
        public const string Slirp = "/usr/bin/slirp-fullbolt";
        public const string Socat = "/usr/bin/socat";

        private readonly Process _process;
        private readonly Stream _stdin;
        private readonly Stream _stdout;
        private readonly StringBuilder _log = new StringBuilder();
        private readonly StreamInbox _inbox;

        /// <param name="options">slirp words after "ppp", e.g. "+chap", "dns 127.0.0.1" (each one argv word of slirp).</param>
        public SlirpPeer(string home, string user, string secret, params string[] options)
        {
            Assert.True(File.Exists(Slirp), "slirp (slirp-fullbolt) is not installed (tools/test-servers/install.sh)");
            Assert.True(File.Exists(Socat), "socat is not installed (tools/test-servers/install.sh)");
            Home = home;
            Directory.CreateDirectory(home);
            if (user != null)
            {
                File.WriteAllText(Path.Combine(home, ".pap-secrets"), user + " * " + secret + "\n");
                File.WriteAllText(Path.Combine(home, ".chap-secrets"), user + " * " + secret + "\n");
            }

            var cmd = new StringBuilder(Slirp + " ppp");
            foreach (var o in options) { cmd.Append(" \"").Append(o).Append('"'); }
            var psi = new ProcessStartInfo(Socat)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add("-");
            // socat's EXEC splits on spaces but keeps quoted words; its own ':' and ',' need escaping.
            psi.ArgumentList.Add("EXEC:'" + cmd.ToString() + "'");
            psi.Environment["HOME"] = home;
            _process = Process.Start(psi);
            _stdin = _process.StandardInput.BaseStream;
            _stdout = _process.StandardOutput.BaseStream;
            _process.ErrorDataReceived += (s, e) => { if (e.Data != null) { lock (_log) { _log.AppendLine(e.Data); } } };
            _process.BeginErrorReadLine();
            _inbox = new StreamInbox(_stdout, "slirp-reader");
        }

        public string Home { get; }

        public string Log { get { lock (_log) { return _log.ToString(); } } }

        public bool HasExited => _process.HasExited;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _inbox.Read(buffer, offset, count, timeoutMs);

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _stdin.Write(buffer, offset, count);
                _stdin.Flush();
            }
            catch (IOException) { }   // slirp gone: Read reports the end
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited) { _process.Kill(true); _process.WaitForExit(5000); }
            }
            catch (InvalidOperationException) { }

            _process.Dispose();
            try { Directory.Delete(Home, true); } catch (IOException) { }
        }
    }
}
