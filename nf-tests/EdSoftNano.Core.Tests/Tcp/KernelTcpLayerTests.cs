using System;
using System.IO;
using EdSoftNano.Ip;
using EdSoftNano.Ports;
using EdSoftNano.Tcp;
using EdSoftNano.Tests.Ip.Kernel;
using Xunit;

namespace EdSoftNano.Tests.Tcp
{
    /// <summary>
    /// TcpLayer straight on IpLayer against the Linux kernel's TCP through TUN (PEERS.md section 3):
    /// a socat echo server, a refused port, the kernel as client of our listener. The kernel runs
    /// on real time; nstat must show no checksum errors and tshark must find nothing to flag.
    /// </summary>
    public sealed class KernelTcpLayerTests : IDisposable
    {
        private const uint Kernel = KernelPeer.KernelAddress;
        private KernelPeer _kernel;
        private IpLayer _ip;
        private TcpLayer _tcp;

        private void Up()
        {
            Assert.True(File.Exists("/usr/bin/socat"), "socat is not installed (/usr/bin/socat; tools/test-servers/install.sh)");
            _kernel = new KernelPeer();
            _ip = new IpLayer(_kernel, 2, 1500, 7);
            _kernel.Input = _ip;
            _ip.LinkUp(KernelPeer.OurAddress, Kernel);
            _tcp = new TcpLayer(_ip, TcpBudget.Slots, TcpBudget.SendBufferBytes, TcpBudget.ReceiveBufferBytes, 0xC0FFEE);
            _ip.Attach(IpConstants.ProtocolTcp, _tcp);
            _tcp.LinkUp(_kernel.NowMs);
        }

        private void Step()
        {
            _ip.Poll(_kernel.NowMs);
            _tcp.Poll(_kernel.NowMs);
        }

        public void Dispose() => _kernel?.Dispose();

        // tshark's oracle (PEERS.md section 4), except its notes on flow control working as meant:
        // a 2048-byte window that the kernel fills in one burst and our zero-window advertisements.
        private void AssertTsharkClean(string name, bool faults = false)
        {
            Assert.True(File.Exists(EdSoftNano.Tests.Ppp.TsharkOracle.Tshark), "tshark is not installed (tools/test-servers/install.sh)");
            string dir = Path.Combine(Path.GetTempPath(), "edsoft-tcp-" + _kernel.Namespace);
            Directory.CreateDirectory(dir);
            string pcap = Path.Combine(dir, name + ".pcap");
            EdSoftNano.Tests.Ppp.PcapWriter.Write(pcap, _kernel.Capture);
            string[] allowed = { "TCP window specified by the receiver is now completely full", "TCP Zero Window segment", "TCP Zero Window Probe", "TCP ZeroWindowProbeAck" };
            if (faults)
            {
                // With faults injected: a retransmission that follows its successor within tshark's few
                // milliseconds is classed as out-of-order (a guess from timing, and so from this
                // machine's load), and a duplicated last ACK reaches a kernel socket that the first
                // copy already closed, which answers RST. Neither is a fault of our segments.
                allowed = new[] { allowed[0], allowed[1], allowed[2], allowed[3], "This frame is a (suspected) out-of-order segment", "Connection reset (RST)" };
            }
            var complaints = new System.Text.StringBuilder();
            foreach (string line in EdSoftNano.Tests.Ppp.TsharkOracle.Complaints(pcap).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                bool ok = false;
                foreach (string a in allowed) ok |= line.EndsWith(a, StringComparison.Ordinal);
                if (!ok) complaints.AppendLine(line);
            }

            Assert.True(complaints.Length == 0, "tshark flags frames of " + name + " (" + pcap + "):\n" + complaints);
            try { File.Delete(pcap); Directory.Delete(dir); } catch (IOException) { }
        }

        [Theory]
        [InlineData(0.0, 0.0, 0.0)]
        [InlineData(0.03, 0.02, 0.05)]
        public void Echo_WithSocat_200KilobytesByteExact(double loss, double duplication, double reordering)
        {
            Up();
            _kernel.Faults = new FaultPlan(loss, duplication, reordering, 5);
            _kernel.Start("socat", "TCP4-LISTEN:7001,bind=10.200.0.1,reuseaddr", "PIPE");
            _kernel.WaitForListener("tcp", 7001);
            int slot = _tcp.Connect(Kernel, 7001, _kernel.NowMs);
            _kernel.Until(() => _tcp.State(slot) != SocketState.Connecting, Step, "the handshake");
            Assert.Equal(SocketState.Open, _tcp.State(slot));
            byte[] payload = TcpTransfer.Payload(200 * 1024, 9);
            byte[] got = new byte[payload.Length];
            int sent = 0, read = 0;
            _kernel.Until(() =>
            {
                if (sent < payload.Length) sent += _tcp.Send(slot, payload, sent, Math.Min(1460, payload.Length - sent), _kernel.NowMs);
                int n = _tcp.Receive(slot, got, read, got.Length - read, _kernel.NowMs);
                Assert.True(n >= 0, "receive failed " + _tcp.Error(slot));
                read += n;
                return read == payload.Length;
            }, Step, "the echo", 120000);
            Assert.Equal(payload, got);
            _tcp.Close(slot, _kernel.NowMs);
            _kernel.Until(() => _tcp.Connection(slot).State == TcpState.TimeWait || _tcp.Connection(slot).State == TcpState.Free, Step, "the close");
            _kernel.AssertNoKernelErrors();
            AssertTsharkClean("tcp-echo", faults: loss > 0 || duplication > 0 || reordering > 0);
        }

        [Fact]
        public void Connect_ClosedPort_KernelRstGives38016()
        {
            Up();
            int slot = _tcp.Connect(Kernel, 7999, _kernel.NowMs);
            _kernel.Until(() => _tcp.State(slot) != SocketState.Connecting, Step, "the refusal");
            Assert.Equal(SocketState.Failed, _tcp.State(slot));
            Assert.Equal(38016, _tcp.Error(slot));
        }

        [Fact]
        public void Listen_KernelClientSendsThenCloses_WeReadAllThenEnded()
        {
            Up();
            int listener = _tcp.Listen(8001);
            var client = _kernel.Start("python3", "-c",
                "import socket\ns=socket.create_connection(('10.200.0.2',8001))\ns.sendall(bytes((i*7+1)%256 for i in range(100000)))\ns.shutdown(socket.SHUT_WR)\nprint(s.recv(100).decode())\ns.close()");
            int slot = -2;
            _kernel.Until(() => (slot = _tcp.Accept(listener)) >= 0, Step, "the accept");
            byte[] got = new byte[100000];
            int read = 0, last = 0;
            _kernel.Until(() =>
            {
                last = _tcp.Receive(slot, got, read, got.Length - read, _kernel.NowMs);
                if (last > 0) read += last;
                return last < 0;
            }, Step, "the data and FIN", 30000);
            Assert.Equal(100000, read);
            for (int i = 0; i < read; i++) Assert.Equal((byte)((i * 7 + 1) % 256), got[i]);
            Assert.Equal(SocketState.Ended, _tcp.State(slot));
            Assert.Equal(0, _tcp.Error(slot));
            byte[] reply = System.Text.Encoding.ASCII.GetBytes("done");
            Assert.Equal(4, _tcp.Send(slot, reply, 0, 4, _kernel.NowMs));
            _tcp.Close(slot, _kernel.NowMs);
            _kernel.Until(() => client.HasExited && _tcp.Connection(slot).State == TcpState.Free, Step, "the client's end", 10000);
            Assert.Equal("done", client.StandardOutput.ReadToEnd().Trim());
            _kernel.AssertNoKernelErrors();
            AssertTsharkClean("tcp-listen");
        }
    }
}
