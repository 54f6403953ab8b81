using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using EdSoftNano.Ip;
using EdSoftNano.Ppp;
using EdSoftNano.Tests.Ppp;
using Xunit;

namespace EdSoftNano.Tests.Ip.Kernel
{
    /// <summary>
    /// The Linux kernel as IP peer (../shared/PEERS.md section 3): a TUN device moved into a network
    /// namespace of its own (unique name), kernel side 10.200.0.1 peer us 10.200.0.2, IPv6 off, a
    /// default route through the device. This object is the <see cref="IIpLink"/> of the stack under
    /// test; <see cref="Pump"/> moves what the kernel sent into the stack's input, on the test's
    /// thread (the stack stays single-threaded). <see cref="Faults"/> can drop, duplicate and reorder
    /// packets in both directions. Servers run in the namespace through <see cref="Start"/> and are
    /// stopped by PID; Dispose closes the fd and deletes the namespace.
    /// </summary>
    public sealed class KernelPeer : IIpLink, IDisposable
    {
        public const uint KernelAddress = 0x0AC80001; // 10.200.0.1
        public const uint OurAddress = 0x0AC80002;    // 10.200.0.2
        public const string Ip = "/usr/sbin/ip";

        private static int _counter;

        private readonly Tun _tun;
        private readonly List<Process> _processes = new List<Process>();
        private readonly byte[] _rx = new byte[65536];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<byte[]> _heldToKernel = new List<byte[]>();
        private readonly List<byte[]> _heldToUs = new List<byte[]>();
        private long _heldAtMs;

        public KernelPeer(int mtu = 1500)
        {
            Assert.True(Tun.IsRoot, "kernel IP tests need root (TUN device and ip netns)");
            Assert.True(File.Exists("/dev/net/tun"), "kernel IP tests need /dev/net/tun (modprobe tun)");
            Assert.True(File.Exists(Ip), "kernel IP tests need iproute2's ip (" + Ip + ")");
            RemoveStaleNamespaces();
            int n = Interlocked.Increment(ref _counter);
            string id = Environment.ProcessId + "x" + n;
            Namespace = "edsip" + id;
            Device = "edt" + id;
            Mtu = mtu;
            _tun = new Tun(Device);
            try
            {
                Run(Ip, "netns add " + Namespace);
                Run(Ip, "link set " + Device + " netns " + Namespace);
                Run(Ip, "-n " + Namespace + " link set lo up");
                Exec("sysctl -q -w net.ipv6.conf.all.disable_ipv6=1");
                Run(Ip, "-n " + Namespace + " addr add 10.200.0.1 peer 10.200.0.2 dev " + Device);
                Run(Ip, "-n " + Namespace + " link set " + Device + " mtu " + mtu + " up");
                Run(Ip, "-n " + Namespace + " route add default dev " + Device);
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public string Namespace { get; }

        public string Device { get; }

        /// <inheritdoc />
        public int Mtu { get; }

        /// <summary>Where received packets go (the stack's input).</summary>
        public IPppIpInput Input { get; set; }

        /// <summary>Loss, duplication and reordering applied to both directions (none by default).</summary>
        public FaultPlan Faults { get; set; } = new FaultPlan(0, 0, 0, 1);

        /// <summary>Packets written to the kernel / handed to us (after faults).</summary>
        public int SentToKernel { get; private set; }

        public int DeliveredToUs { get; private set; }

        /// <summary>The last packets we sent, newest last (tests look at exact bytes).</summary>
        public List<byte[]> Sent { get; } = new List<byte[]>();

        /// <summary>The last packets the kernel sent us, before faults.</summary>
        public List<byte[]> Received { get; } = new List<byte[]>();

        /// <summary>Both directions in order, as PPP IPv4 frames for the tshark oracle (when <see cref="Record"/>).</summary>
        public List<PppCapturedFrame> Capture { get; } = new List<PppCapturedFrame>();

        /// <summary>Keep copies of the packets in <see cref="Sent"/>/<see cref="Received"/> (off for bulk transfers).</summary>
        public bool Record { get; set; } = true;

        /// <summary>Real milliseconds since the peer was made: the stack's time (the kernel does not run on virtual time).</summary>
        public long NowMs => _clock.ElapsedMilliseconds;

        /// <inheritdoc />
        public bool SendDatagram(byte[] datagram, int offset, int count)
        {
            var copy = new byte[count];
            Array.Copy(datagram, offset, copy, 0, count);
            if (Record)
            {
                Sent.Add(copy);
                Capture.Add(new PppCapturedFrame(false, PppProtocol.Ipv4, copy, TimeSpan.FromMilliseconds(NowMs)));
            }

            Apply(copy, _heldToKernel, toKernel: true);
            return true;
        }

        /// <summary>Moves every packet the kernel has sent into <see cref="Input"/>; the count read.</summary>
        public int Pump()
        {
            int packets = 0;
            int n;
            while ((n = _tun.Read(_rx)) > 0)
            {
                packets++;
                var copy = new byte[n];
                Array.Copy(_rx, copy, n);
                if (Record)
                {
                    Received.Add(copy);
                    Capture.Add(new PppCapturedFrame(true, PppProtocol.Ipv4, copy, TimeSpan.FromMilliseconds(NowMs)));
                }

                Apply(copy, _heldToUs, toKernel: false);
            }

            // A packet held back for reordering goes at the latest after a few ms of quiet.
            if (NowMs - _heldAtMs > 5)
            {
                Release(_heldToKernel, true);
                Release(_heldToUs, false);
            }

            return packets;
        }

        /// <summary>Runs a program to its end in the namespace; its stdout (fails the test on a non-zero exit unless allowed).</summary>
        public string Exec(string commandLine, bool allowFailure = false, int timeoutMs = 20000)
        {
            return Run(Ip, "netns exec " + Namespace + " " + commandLine, allowFailure, timeoutMs);
        }

        /// <summary>Starts a program in the namespace (a server, a client); stopped by PID on Dispose.</summary>
        public Process Start(string program, params string[] args)
        {
            var psi = new ProcessStartInfo(Ip)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add("netns");
            psi.ArgumentList.Add("exec");
            psi.ArgumentList.Add(Namespace);
            psi.ArgumentList.Add(program);
            foreach (string a in args)
            {
                psi.ArgumentList.Add(a);
            }

            Process p = Process.Start(psi);
            _processes.Add(p);
            return p;
        }

        /// <summary>The kernel's SNMP and extended counters in the namespace (nstat -az).</summary>
        public Dictionary<string, long> Nstat()
        {
            var result = new Dictionary<string, long>();
            string text = Exec("nstat -az");
            foreach (string line in text.Split('\n'))
            {
                string[] parts = line.Split((char[])null, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && long.TryParse(parts[1], out long value))
                {
                    result[parts[0]] = value;
                }
            }

            return result;
        }

        /// <summary>Asserts the kernel saw no bad checksum or header from us.</summary>
        public void AssertNoKernelErrors()
        {
            Dictionary<string, long> n = Nstat();
            Assert.True(n.ContainsKey("IpExtInCsumErrors"), "nstat -az printed no IpExtInCsumErrors (is iproute2's nstat installed?)");
            foreach (string key in new[] { "IpInHdrErrors", "IpInAddrErrors", "IpExtInCsumErrors", "IcmpInCsumErrors", "UdpInCsumErrors", "TcpInCsumErrors", "TcpInErrs", "UdpInErrors", "IcmpInErrors", "IpReasmFails" })
            {
                Assert.True(n.TryGetValue(key, out long v) && v == 0, "kernel counter " + key + " = " + (n.TryGetValue(key, out long w) ? w : -1));
            }
        }

        /// <summary>Asserts tshark (PEERS.md section 4) finds nothing malformed or worth a warning in what both sides sent.</summary>
        public void AssertTsharkClean(string name)
        {
            TsharkOracle.AssertClean(Path.Combine(Path.GetTempPath(), "edsoft-" + Namespace), name, Capture);
        }

        /// <summary>Polls the kernel, then <paramref name="step"/> (the stack's poll), until <paramref name="done"/> or the timeout.</summary>
        public void Until(Func<bool> done, Action step, string what, int timeoutMs = 10000)
        {
            long end = NowMs + timeoutMs;
            while (!done())
            {
                if (NowMs > end)
                {
                    throw new TimeoutException("not within " + timeoutMs + " ms: " + what);
                }

                int moved = Pump();
                step?.Invoke();
                if (moved == 0)
                {
                    Thread.Sleep(1);
                }
            }
        }

        /// <summary>Waits until a server in the namespace listens on <paramref name="port"/> (ss; udp or tcp).</summary>
        public void WaitForListener(string protocol, int port, int timeoutMs = 5000)
        {
            long end = NowMs + timeoutMs;
            string flag = protocol == "udp" ? "-Hulnp" : "-Htlnp";
            while (!Exec("ss " + flag + " sport = :" + port, allowFailure: true).Contains(":" + port))
            {
                if (NowMs > end)
                {
                    throw new TimeoutException(protocol + " listener on port " + port + " did not start in the namespace");
                }

                Thread.Sleep(20);
            }
        }

        public void Dispose()
        {
            foreach (Process p in _processes)
            {
                try
                {
                    if (!p.HasExited)
                    {
                        p.Kill();
                        p.WaitForExit(2000);
                    }
                }
                catch (InvalidOperationException)
                {
                }

                p.Dispose();
            }

            _processes.Clear();
            _tun.Dispose();
            Run(Ip, "netns del " + Namespace, allowFailure: true);
        }

        // Namespaces a killed test run left behind (edsip<pid>x<n> whose test process is gone): their
        // servers are stopped by PID, then the namespace is deleted. Live runs' namespaces are not touched.
        private static void RemoveStaleNamespaces()
        {
            foreach (string line in Run(Ip, "netns list", allowFailure: true).Split('\n'))
            {
                string name = line.Split(' ')[0];
                int x = name.IndexOf('x');
                if (!name.StartsWith("edsip") || x < 6 || !int.TryParse(name.Substring(5, x - 5), out int pid))
                {
                    continue;
                }

                if (pid == Environment.ProcessId || File.Exists("/proc/" + pid + "/status"))
                {
                    continue;
                }

                foreach (string p in Run(Ip, "netns pids " + name, allowFailure: true).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    try
                    {
                        Process.GetProcessById(int.Parse(p.Trim())).Kill();
                    }
                    catch (ArgumentException)
                    {
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }

                Run(Ip, "netns del " + name, allowFailure: true);
            }
        }

        private void Apply(byte[] packet, List<byte[]> held, bool toKernel)
        {
            FaultPlan f = Faults;
            if (f.Drop())
            {
                return;
            }

            if (f.Reorder() && held.Count == 0)
            {
                // Held back: goes after the next packet of this direction (or after a quiet moment).
                held.Add(packet);
                _heldAtMs = NowMs;
                return;
            }

            Deliver(packet, toKernel);
            if (f.Duplicate())
            {
                Deliver(packet, toKernel);
            }

            Release(held, toKernel);
        }

        private void Release(List<byte[]> held, bool toKernel)
        {
            for (int i = 0; i < held.Count; i++)
            {
                Deliver(held[i], toKernel);
            }

            held.Clear();
        }

        private void Deliver(byte[] packet, bool toKernel)
        {
            if (toKernel)
            {
                _tun.Write(packet, 0, packet.Length);
                SentToKernel++;
            }
            else if (Input != null)
            {
                DeliveredToUs++;
                Input.Receive(NowMs, packet, 0, packet.Length);
            }
        }

        private static string Run(string program, string arguments, bool allowFailure = false, int timeoutMs = 20000)
        {
            var psi = new ProcessStartInfo(program, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process p = Process.Start(psi);
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeoutMs))
            {
                p.Kill();
                throw new TimeoutException(program + " " + arguments + " did not finish");
            }

            if (p.ExitCode != 0 && !allowFailure)
            {
                throw new InvalidOperationException(program + " " + arguments + " failed (" + p.ExitCode + "): " + stderr.Result + stdout.Result);
            }

            return stdout.Result;
        }
    }
}
