using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>
    /// The tshark protocol oracle of ../shared/PEERS.md section 4: Wireshark's dissectors read the pcap and
    /// print every malformed frame or expert warning; a clean capture prints nothing.
    /// </summary>
    public static class TsharkOracle
    {
        public const string Tshark = "/usr/bin/tshark";

        /// <summary>Runs the PEERS.md command on <paramref name="pcap"/>; returns its output (empty = clean).</summary>
        public static string Complaints(string pcap)
        {
            var args = new List<string>
            {
                "-o", "ppp.fcs_type:16-Bit", "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-o", "udp.check_checksum:TRUE", "-r", pcap,
                "-Y", "_ws.malformed || _ws.expert.severity >= \"Warning\"",
                "-T", "fields", "-e", "frame.number", "-e", "_ws.expert.message",
            };
            args.AddRange(NoPayloadGuessing.Value);
            return Run(args.ToArray());
        }

        // The oracle judges our PPP, IP, ICMP, UDP and TCP. The tests' payloads are random bytes, and
        // tshark's heuristic dissectors above TCP and UDP sometimes take them for an application
        // protocol (Thrift, say) and then warn that it is cut short: noise about bytes we never meant
        // as that protocol, so every protocol tshark would guess on top of TCP and UDP is switched off
        // (-G heuristic-decodes lists them by protocol name, which --disable-protocol takes).
        private static readonly System.Lazy<string[]> NoPayloadGuessing = new System.Lazy<string[]>(() =>
        {
            var flags = new List<string>();
            foreach (string line in Run("-G", "heuristic-decodes").Split('\n', System.StringSplitOptions.RemoveEmptyEntries))
            {
                string[] fields = line.Split('\t');
                bool ours = fields.Length >= 2 && (fields[1] == "ip" || fields[1] == "icmp" || fields[1] == "tcp" || fields[1] == "udp" || fields[1] == "ppp");
                if (fields.Length >= 2 && (fields[0] == "tcp" || fields[0] == "udp") && !ours)
                {
                    flags.Add("--disable-protocol");
                    flags.Add(fields[1]);
                }
            }

            return flags.ToArray();
        });

        /// <summary>tshark's one-line summary of every frame (for the test log).</summary>
        public static string Summary(string pcap)
        {
            return Run("-r", pcap);
        }

        /// <summary>Writes <paramref name="frames"/> to a pcap under <paramref name="dir"/>, asserts the oracle is silent; returns tshark's summary.</summary>
        public static string AssertClean(string dir, string name, IReadOnlyList<PppCapturedFrame> frames)
        {
            Assert.True(File.Exists(Tshark), "tshark is not installed (tools/test-servers/install.sh)");
            Assert.True(frames.Count > 0, "nothing was captured");
            Directory.CreateDirectory(dir);
            string pcap = Path.Combine(dir, name + ".pcap");
            PcapWriter.Write(pcap, frames);
            string summary = Summary(pcap);
            Assert.Equal(frames.Count, summary.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);
            string complaints = Complaints(pcap);
            Assert.True(complaints.Length == 0, "tshark flags frames of " + name + " (" + pcap + "):\n" + complaints + "\n" + summary);
            try { File.Delete(pcap); Directory.Delete(dir); } catch (IOException) { }
            return summary;
        }

        private static string Run(params string[] args)
        {
            var psi = new ProcessStartInfo(Tshark) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args) { psi.ArgumentList.Add(a); }
            psi.Environment["HOME"] = Path.GetTempPath();   // tshark wants a writable profile dir
            using var p = Process.Start(psi);
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "tshark failed (" + p.ExitCode + "): " + err.Result);
            return output.Trim();
        }
    }
}
