using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using EdSoftNano.NetStack;
using EdSoftNano.Ports;
using Xunit;

namespace EdSoftNano.Tests.Ip.Kernel
{
    /// <summary>
    /// The managed stack's IP, ICMP, UDP and DNS against the Linux kernel through TUN in a network
    /// namespace: the kernel is the independent judge (it drops what has a bad checksum and counts it
    /// in nstat), and its tools (ping, socat, python3, dnsmasq) are the peers.
    /// </summary>
    public sealed class KernelIpTests : IDisposable
    {
        private const uint Kernel = KernelPeer.KernelAddress;
        private const uint Us = KernelPeer.OurAddress;

        private KernelPeer _kernel;
        private ManagedNetStack _stack;

        private void Up(int mtu = 1500)
        {
            _kernel = new KernelPeer(mtu);
            _stack = new ManagedNetStack(_kernel, 0x1234ABCD);
            _kernel.Input = _stack.Input;
            _stack.LinkUp(Us, Kernel, _kernel.NowMs);
        }

        private void Step() => _stack.Poll(_kernel.NowMs);

        private static string Name([System.Runtime.CompilerServices.CallerMemberName] string test = null) => test;

        public void Dispose() => _kernel?.Dispose();

        private static void Need(string path, string what)
        {
            Assert.True(File.Exists(path), what + " is not installed (" + path + "; tools/test-servers/install.sh)");
        }

        [Fact]
        public void Ping_TheKernel_IsAnswered()
        {
            Up();
            int query = _stack.PingStart(Kernel, 3000, _kernel.NowMs);
            NetQueryResult result = NetQueryResult.Pending;
            int rtt = -1;
            _kernel.Until(() => (result = _stack.PingResult(query, _kernel.NowMs, out rtt)) != NetQueryResult.Pending, Step, "echo reply");
            Assert.Equal(NetQueryResult.Done, result);
            Assert.InRange(rtt, 0, 1000);
            _kernel.AssertNoKernelErrors();
            _kernel.AssertTsharkClean(Name());
        }

        [Fact]
        public void KernelPing_OurAddress_IsAnsweredByUs()
        {
            Up();
            Need("/usr/bin/ping", "ping (iputils-ping)");
            Process ping = _kernel.Start("ping", "-c", "3", "-i", "0.2", "-W", "2", "-s", "100", "10.200.0.2");
            _kernel.Until(() => ping.HasExited, Step, "ping -c 3 to finish");
            string output = ping.StandardOutput.ReadToEnd();
            Assert.True(ping.ExitCode == 0, "ping failed: " + output + ping.StandardError.ReadToEnd());
            Assert.Contains("3 received", output);
            Assert.Equal(3, _stack.Icmp.EchoRepliesSent);
            _kernel.AssertNoKernelErrors();
            _kernel.AssertTsharkClean(Name());
        }

        [Fact]
        public void UdpEcho_WithSocat_ReturnsTheExactBytes()
        {
            Up();
            Need("/usr/bin/socat", "socat");
            _kernel.Start("socat", "UDP4-LISTEN:7777,bind=10.200.0.1", "PIPE");
            _kernel.WaitForListener("udp", 7777);
            int socket = _stack.UdpConnect(Kernel, 7777);
            byte[] payload = new byte[1000];
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)(i * 7 + 3);
            }

            Assert.Equal(payload.Length, _stack.Send(socket, payload, 0, payload.Length));
            byte[] got = new byte[2000];
            int n = 0;
            _kernel.Until(() => (n = _stack.Receive(socket, got, 0, got.Length)) != 0, Step, "the echo");
            Assert.Equal(payload.Length, n);
            Assert.Equal(payload, got[..n]);

            // Exact bytes of what we sent: our IP header (DF, TTL 64, protocol 17) and the UDP header.
            byte[] sent = _kernel.Sent[^1];
            Assert.Equal(new byte[] { 0x45, 0x00, 0x04, 0x04 }, sent[..4]);
            Assert.Equal(new byte[] { 0x40, 0x00, 0x40, 0x11 }, sent[6..10]);
            Assert.Equal(new byte[] { 10, 200, 0, 2, 10, 200, 0, 1 }, sent[12..20]);
            Assert.Equal(new byte[] { 0x1E, 0x61, 0x03, 0xF0 }, sent[22..26]);
            _stack.GetLocal(socket, out uint local, out int localPort);
            Assert.Equal(Us, local);
            Assert.Equal(localPort, (sent[20] << 8) | sent[21]);
            _stack.Close(socket);
            Assert.Equal(0, _stack.SocketsInUse);
            _kernel.AssertNoKernelErrors();
            _kernel.AssertTsharkClean(Name());
        }

        [Fact]
        public void UdpToAClosedKernelPort_PortUnreachable_ReachesTheSocket()
        {
            Up();
            int socket = _stack.UdpConnect(Kernel, 9);
            Assert.Equal(4, _stack.Send(socket, new byte[] { 1, 2, 3, 4 }, 0, 4));
            _kernel.Until(() => _stack.Udp.Refusals(socket - NetStackBudget.TcpSlots - 1) == 1, Step, "ICMP port unreachable");
            Assert.Equal(1, _stack.Icmp.ErrorsReceived);

            // As the host's sockets report ECONNREFUSED: the next send says "not sent" once, the socket carries on.
            Assert.Equal(0, _stack.Send(socket, new byte[] { 5 }, 0, 1));
            Assert.Equal(SocketState.Open, _stack.State(socket));
            Assert.Equal(0, _stack.Error(socket));
            Assert.Equal(1, _stack.Send(socket, new byte[] { 5 }, 0, 1));
            _kernel.AssertNoKernelErrors();
            _kernel.AssertTsharkClean(Name());
        }

        [Fact]
        public void KernelUdpToOurClosedPort_GetsConnectionRefused()
        {
            Up();
            Need("/usr/bin/python3", "python3");
            Process client = _kernel.Start("python3", "-c",
                "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.connect(('10.200.0.2',9999))\ns.send(b'hello')\ns.settimeout(5)\n"
                + "try:\n s.recv(100)\n print('DATA')\nexcept ConnectionRefusedError:\n print('REFUSED')\nexcept socket.timeout:\n print('TIMEOUT')\n");
            _kernel.Until(() => client.HasExited, Step, "the kernel client to finish", 8000);
            Assert.Equal("REFUSED", client.StandardOutput.ReadToEnd().Trim());
            Assert.Equal(1, _stack.Icmp.ErrorsSent);

            // Our ICMP error quotes the kernel's IP header and first 8 bytes: type 3 code 3.
            byte[] icmp = _kernel.Sent[^1];
            Assert.Equal(1, icmp[9]);
            Assert.Equal(new byte[] { 3, 3 }, icmp[20..22]);
            Assert.Equal(20 + 8 + 28, icmp.Length);
            _kernel.AssertNoKernelErrors();
            _kernel.AssertTsharkClean(Name());
        }

        [Fact]
        public void KernelDatagramLargerThanTheMtu_IsFragmentedByTheKernel_AndReassembledByUs()
        {
            Up(576);
            Need("/usr/bin/python3", "python3");
            int socket = _stack.UdpOpen(5555);
            Process client = _kernel.Start("python3", "-c",
                "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                + "s.setsockopt(socket.IPPROTO_IP, 10, 0)\n"   // IP_MTU_DISCOVER = IP_PMTUDISC_DONT: the kernel may fragment
                + "s.sendto(bytes((i*13+5)&255 for i in range(1400)),('10.200.0.2',5555))\n");
            byte[] got = new byte[1500];
            int n = 0;
            uint from = 0;
            int fromPort = 0;
            _kernel.Until(() => (n = _stack.ReceiveFrom(socket, got, 0, got.Length, out from, out fromPort)) != 0, Step, "the reassembled datagram");
            Assert.Equal(1400, n);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal((byte)((i * 13 + 5) & 255), got[i]);
            }

            Assert.Equal(Kernel, from);
            Assert.True(_kernel.Received.Count >= 3, "the kernel sent " + _kernel.Received.Count + " packets, expected 3 fragments");
            Assert.Equal(1, _stack.Ip.Counters[EdSoftNano.Ip.IpCounters.Reassembled]);
            Assert.Equal(0, _stack.Ip.Counters.Dropped);
            _kernel.AssertNoKernelErrors();
            _kernel.AssertTsharkClean(Name());
        }

        [Fact]
        public void KernelFragments_ReorderedAndDuplicatedOnTheWay_AreStillJoinedOnce()
        {
            Up(576);
            Need("/usr/bin/python3", "python3");
            // Every packet is held back behind the next and then delivered twice.
            _kernel.Faults = new FaultPlan(0, 1.0, 1.0, 1);
            int socket = _stack.UdpOpen(5556);
            _kernel.Start("python3", "-c",
                "import socket\ns=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\ns.setsockopt(socket.IPPROTO_IP, 10, 0)\n"
                + "s.sendto(bytes((i*17+1)&255 for i in range(1400)),('10.200.0.2',5556))\n");
            byte[] got = new byte[1500];
            int n = 0;
            _kernel.Until(() => (n = _stack.ReceiveFrom(socket, got, 0, got.Length, out _, out _)) != 0, Step, "the reassembled datagram");
            Assert.Equal(1400, n);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal((byte)((i * 17 + 1) & 255), got[i]);
            }

            long quiet = _kernel.NowMs + 50;
            _kernel.Until(() => _kernel.NowMs > quiet, Step, "late duplicates");
            Assert.Equal(0, _stack.ReceiveFrom(socket, got, 0, got.Length, out _, out _));
            Assert.True(_kernel.Faults.Reordered > 0 && _kernel.Faults.Duplicated > 0, "faults were applied");
            Assert.Equal(1, _stack.Ip.Counters[EdSoftNano.Ip.IpCounters.Reassembled]);
            Assert.True(_stack.Ip.Counters[EdSoftNano.Ip.IpCounters.FragmentDuplicates] >= 1, "a duplicated fragment was seen and ignored");
            _kernel.AssertNoKernelErrors();
        }

        [Fact]
        public void Resolve_ThroughDnsmasqInTheNamespace_GivesTheAddress()
        {
            Up();
            Need("/usr/sbin/dnsmasq", "dnsmasq");
            _kernel.Start("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces",
                "--listen-address=10.200.0.1", "--port=5353", "--address=/box.edsoft.test/10.200.0.77", "--pid-file=");
            _kernel.WaitForListener("udp", 5353);
            _stack.DnsServerPort = 5353;
            int query = _stack.ResolveStart("box.edsoft.test", Kernel, 0, _kernel.NowMs);
            NetQueryResult result = NetQueryResult.Pending;
            uint address = 0;
            _kernel.Until(() => (result = _stack.ResolveResult(query, _kernel.NowMs, out address)) != NetQueryResult.Pending, Step, "the DNS answer");
            Assert.Equal(NetQueryResult.Done, result);
            Assert.Equal(0x0AC8004Du, address);
            Assert.Equal(0, _stack.SocketsInUse);
            _kernel.AssertNoKernelErrors();
            _kernel.AssertTsharkClean(Name());
        }
    }
}
