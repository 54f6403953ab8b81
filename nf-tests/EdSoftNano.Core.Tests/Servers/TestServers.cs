using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace EdSoftNano.Tests.Servers
{
    /// <summary>
    /// The real servers on 127.0.0.1 that the integration tests talk to, as tools/test-servers/start.sh
    /// describes them in servers.env (path in <see cref="EnvVariable"/>, else <see cref="DefaultPath"/>).
    /// Asking for a server that is not running throws, naming it: a test that needs a server fails
    /// without it, it never skips.
    /// </summary>
    public sealed class TestServers
    {
        /// <summary>The environment variable holding the path of servers.env.</summary>
        public const string EnvVariable = "EDSOFT_SERVERS_ENV";

        /// <summary>Where start.sh writes servers.env when EDSOFT_SERVERS_DIR is not set.</summary>
        public const string DefaultPath = "/tmp/edsoft-servers/servers.env";

        /// <summary>How to get the servers running, quoted in every error.</summary>
        public const string StartHint =
            "start them with `sudo tools/test-servers/install.sh && sudo tools/test-servers/start.sh` (.ci/run does this)";

        private readonly Dictionary<string, string> _settings;

        private TestServers(string path, Dictionary<string, string> settings)
        {
            Path = path;
            _settings = settings;
        }

        /// <summary>The servers.env this instance was read from.</summary>
        public string Path { get; }

        /// <summary>Whether servers.env was there (start.sh writes it only once every server answered).</summary>
        public bool Found => _settings != null;

        /// <summary>The path of servers.env that the tests use.</summary>
        public static string EnvPath
        {
            get
            {
                string path = Environment.GetEnvironmentVariable(EnvVariable);
                return string.IsNullOrEmpty(path) ? DefaultPath : path;
            }
        }

        /// <summary>vsftpd: user, password, passive range, ROOT and UPLOAD_DIR folders.</summary>
        public static TestServer Ftp => Load(EnvPath).Get("the FTP server (vsftpd)", "FTP");

        /// <summary>dovecot POP3: user, password, MAIL_COUNT mails, whose sources are in MAIL_DIR.</summary>
        public static TestServer Pop3 => Load(EnvPath).Get("the POP3 server (dovecot)", "POP3");

        /// <summary>dovecot POP3, the second account (user, password): its mailbox (MAILDIR, owned by UID:GID) is
        /// empty after start.sh and holds what <see cref="RefillGetMailBox"/> put there, for tests that let
        /// #GETMAIL retrieve and delete. Tests using it belong to <see cref="GetMailBoxCollection"/>.</summary>
        public static TestServer Pop3GetMail => Load(EnvPath).Get("the POP3 server's getmail account (dovecot)", "POP3_GETMAIL");

        /// <summary>
        /// Empties the getmail mailbox (its messages and dovecot's index and UID list) and delivers
        /// <paramref name="emlFiles"/> into Maildir/new, through tmp/ and with names that sort in argument
        /// order, so the first file is POP3 message 1. The files are the mail user's (chown, mode 0600), as
        /// dovecot wants; that needs a root test process (as in CI) or one running as the mail user, and
        /// anything else fails with an <see cref="InvalidOperationException"/> saying so.
        /// </summary>
        public static void RefillGetMailBox(params string[] emlFiles)
        {
            TestServer server = Pop3GetMail;
            string maildir = server.Setting("MAILDIR");
            int uid = int.Parse(server.Setting("UID"));
            int gid = int.Parse(server.Setting("GID"));
            uint me = geteuid();
            string who = "the test process (euid " + me + ") cannot refill " + maildir + " (the mail user's, uid " + uid
                + "): run the tests as root or as that user";
            if (me != 0 && me != uid)
            {
                throw new InvalidOperationException(who);
            }

            byte[][] mails = new byte[emlFiles.Length][];
            for (int i = 0; i < emlFiles.Length; i++)
            {
                mails[i] = File.ReadAllBytes(emlFiles[i]);
            }

            try
            {
                foreach (string sub in new[] { "new", "cur", "tmp" })
                {
                    foreach (string file in Directory.GetFiles(System.IO.Path.Combine(maildir, sub)))
                    {
                        File.Delete(file);
                    }
                }

                foreach (string file in Directory.GetFiles(maildir, "dovecot*"))
                {
                    File.Delete(file);
                }

                // dovecot gives new mails their UIDs in file-name order: same seconds, then M000001, M000002, ...
                long stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                int pid = Environment.ProcessId;
                for (int i = 0; i < mails.Length; i++)
                {
                    string name = stamp + ".M" + (i + 1).ToString("D6") + "P" + pid + ".edsoft-getmail";
                    string tmp = System.IO.Path.Combine(maildir, "tmp", name);
                    File.WriteAllBytes(tmp, mails[i]);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                    }

                    if (me == 0 && chown(tmp, (uint)uid, (uint)gid) != 0)
                    {
                        throw new IOException("chown " + uid + ":" + gid + " " + tmp + " failed, errno " + Marshal.GetLastPInvokeError());
                    }

                    File.Move(tmp, System.IO.Path.Combine(maildir, "new", name));
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new InvalidOperationException(who + " (" + e.Message + "); " + StartHint, e);
            }
        }

        /// <summary>The SMTP sink (npm smtp-server): AUTH required, each message saved in SPOOL.</summary>
        public static TestServer Smtp => Load(EnvPath).Get("the SMTP server (smtp-server sink)", "SMTP");

        /// <summary>dnsmasq, UDP and TCP on one port: NAMES resolve to ADDRESS, NXNAME does not exist.</summary>
        public static TestServer Dns => Load(EnvPath).Get("the DNS server (dnsmasq)", "DNS");

        /// <summary>socat echoing every TCP connection.</summary>
        public static TestServer TcpEcho => Load(EnvPath).Get("the TCP echo server (socat)", "TCP_ECHO");

        /// <summary>socat echoing every UDP datagram to its sender.</summary>
        public static TestServer UdpEcho => Load(EnvPath).Get("the UDP echo server (socat)", "UDP_ECHO");

        /// <summary>Reads a servers.env (KEY=VALUE lines, # comments); a missing file gives an instance that
        /// throws on every <see cref="Get"/>.</summary>
        public static TestServers Load(string path)
        {
            if (!File.Exists(path))
            {
                return new TestServers(path, null);
            }

            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string raw in File.ReadAllLines(path))
            {
                string line = raw.Trim();
                int eq = line.IndexOf('=');
                if (line.Length == 0 || line[0] == '#' || eq <= 0)
                {
                    continue;
                }

                settings[line.Substring(0, eq)] = line.Substring(eq + 1);
            }

            return new TestServers(path, settings);
        }

        /// <summary>The server whose settings start with EDSOFT_<paramref name="prefix"/>_; throws
        /// <see cref="InvalidOperationException"/> naming <paramref name="name"/> when it is not running.</summary>
        public TestServer Get(string name, string prefix)
        {
            if (!Found)
            {
                throw new InvalidOperationException(
                    name + " is not running: " + Path + " does not exist (set " + EnvVariable + " to point elsewhere); " + StartHint);
            }

            string host = Require(name, "EDSOFT_SERVERS_HOST");
            string port = Require(name, "EDSOFT_" + prefix + "_PORT");
            if (!int.TryParse(port, out int portNumber) || portNumber <= 0 || portNumber > 65535)
            {
                throw new InvalidOperationException(name + ": EDSOFT_" + prefix + "_PORT=" + port + " in " + Path + " is not a port");
            }

            return new TestServer(name, host, portNumber, key => Require(name, "EDSOFT_" + prefix + "_" + key));
        }

        [DllImport("libc", SetLastError = true)]
        private static extern uint geteuid();

        [DllImport("libc", SetLastError = true)]
        private static extern int chown(string path, uint owner, uint group);

        private string Require(string name, string key)
        {
            if (!_settings.TryGetValue(key, out string value) || value.Length == 0)
            {
                throw new InvalidOperationException(
                    name + " is not described: " + key + " is missing from " + Path + "; " + StartHint);
            }

            return value;
        }
    }
}
