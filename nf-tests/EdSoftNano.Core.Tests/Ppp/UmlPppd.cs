using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// Real pppd 2.4.9 inside User-Mode Linux (../shared/PEERS.md section 2), started for one test: a
    /// socat pty pair, UML booted with tools/ppp-peers/uml-pppd-init.sh as PID 1 and its /dev/ttyS0 on
    /// one end, <see cref="Link"/> on the other end. The kernel parameters (PPPD_ROLE, PPPD_AUTH …)
    /// reach the init script as environment. Everything it started is stopped by PID on Dispose.
    /// A missing tool fails the test with its name.
    /// </summary>
    public sealed class UmlPppd : IDisposable
    {
        public const string Uml = "/usr/bin/linux.uml";
        public const string Pppd = "/usr/sbin/pppd";
        public const string Socat = "/usr/bin/socat";

        private readonly StringBuilder _log = new StringBuilder();
        private readonly Process _socat;
        private readonly Process _uml;

        /// <param name="kernelParameters">k=v words for the init script, e.g. "PPPD_ROLE=client PPPD_USER=edsoft".</param>
        public UmlPppd(string kernelParameters)
        {
            Assert.True(File.Exists(Uml), "user-mode-linux is not installed (tools/test-servers/install.sh)");
            Assert.True(File.Exists(Pppd), "ppp (pppd) is not installed (tools/test-servers/install.sh)");
            Assert.True(File.Exists(Socat), "socat is not installed (tools/test-servers/install.sh)");
            string init = InitScript;
            Assert.True(File.Exists(init), init);

            Dir = Path.Combine(Path.GetTempPath(), "edsoft-pppd-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(Dir);
            string ours = Path.Combine(Dir, "ours"), theirs = Path.Combine(Dir, "theirs");
            _socat = Process.Start(new ProcessStartInfo(Socat)
            {
                ArgumentList = { "PTY,link=" + ours + ",raw,echo=0", "PTY,link=" + theirs + ",raw,echo=0" },
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            for (int i = 0; i < 100 && !(File.Exists(ours) && File.Exists(theirs)); i++) { Thread.Sleep(20); }
            Assert.True(File.Exists(ours) && File.Exists(theirs), "socat made no pty pair");

            string cmd = "exec " + Uml + " root=/dev/root rootfstype=hostfs rootflags=/ ro init=" + init
                + " mem=128M uml_dir=" + Dir + " con=null con0=fd:0,fd:1 ssl0=fd:3 " + kernelParameters
                + " 3<>" + theirs + " </dev/null 2>&1";
            _uml = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", cmd }, RedirectStandardOutput = true, UseShellExecute = false });
            _uml.OutputDataReceived += (s, e) => { if (e.Data != null) { lock (_log) { _log.AppendLine(e.Data); } } };
            _uml.BeginOutputReadLine();
            Link = new PtyByteLink(ours);
        }

        /// <summary>The init script UML runs as PID 1.</summary>
        public static string InitScript => Path.Combine(RepoRoot.Path, "tools", "ppp-peers", "uml-pppd-init.sh");

        /// <summary>A private temporary directory (the pty links, UML's mconsole directory; pcaps may go below it).</summary>
        public string Dir { get; }

        /// <summary>Our end of the "modem line".</summary>
        public PtyByteLink Link { get; }

        /// <summary>The UML console so far: the kernel, the init script and pppd's debug log.</summary>
        public string Log { get { lock (_log) { return _log.ToString(); } } }

        /// <summary>True when UML (so pppd) has exited.</summary>
        public bool HasExited => _uml.HasExited;

        /// <summary>Waits up to <paramref name="ms"/> for <paramref name="what"/> in the log.</summary>
        public bool WaitFor(string what, int ms)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < ms)
            {
                if (Log.Contains(what)) { return true; }
                Thread.Sleep(50);
            }

            return Log.Contains(what);
        }

        public void Dispose()
        {
            Kill(_uml);
            Link.Dispose();
            Kill(_socat);
            try { Directory.Delete(Dir, true); } catch (IOException) { }
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
