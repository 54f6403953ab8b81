using System;
using System.Collections.Generic;
using System.IO;

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
