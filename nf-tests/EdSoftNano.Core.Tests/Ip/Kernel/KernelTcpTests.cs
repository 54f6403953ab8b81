using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using EdSoftNano.At;
using EdSoftNano.NetStack;
using EdSoftNano.Ports;
using Xunit;

namespace EdSoftNano.Tests.Ip.Kernel
{
    /// <summary>
    /// TCP through the facade (<see cref="ManagedNetStack"/> → TcpLayer) against the Linux kernel's TCP
    /// in a namespace: socat and python3 servers and clients, bulk transfers checked by SHA-256, with
    /// and without loss, duplication and reordering in the TUN path; nstat must show no checksum errors.
    /// </summary>
    public sealed class KernelTcpTests : IDisposable
    {
        private const uint Kernel = KernelPeer.KernelAddress;
        private const uint Us = KernelPeer.OurAddress;
        private const int TenMegabytes = 10 * 1024 * 1024;
        private const int MaxAhead = 32 * 1024;

        private KernelPeer _kernel;
        private ManagedNetStack _stack;

        private void Up()
        {
            Assert.True(File.Exists("/usr/bin/socat"), "socat is not installed (/usr/bin/socat; tools/test-servers/install.sh)");
            Assert.True(File.Exists("/usr/bin/python3"), "python3 is not installed (/usr/bin/python3)");
            _kernel = new KernelPeer();
            _stack = new ManagedNetStack(_kernel, 0x5EED0001);
            _kernel.Input = _stack.Input;
            _stack.LinkUp(Us, Kernel, _kernel.NowMs);
        }

        private void Step() => _stack.Poll(_kernel.NowMs);

        public void Dispose() => _kernel?.Dispose();

        private int ConnectTo(int port)
        {
            int s = _stack.TcpConnect(Kernel, port);
            Assert.True(s > 0, "TcpConnect gave " + s);
            _kernel.Until(() => _stack.State(s) != SocketState.Connecting, Step, "the handshake");
            Assert.True(_stack.State(s) == SocketState.Open, "state " + _stack.State(s) + ", error " + _stack.Error(s));
            return s;
        }

        // A deterministic byte stream: the same generator on both sides of a transfer.
        private static void Fill(byte[] buffer, int count, long position)
        {
            for (int i = 0; i < count; i++)
            {
                long p = position + i;
                buffer[i] = (byte)((p * 2654435761L) >> 13);
            }
        }

        private static string Hash(long length)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var b = new byte[65536];
            for (long pos = 0; pos < length; pos += b.Length)
            {
                int n = (int)Math.Min(b.Length, length - pos);
                Fill(b, n, pos);
                sha.AppendData(b, 0, n);
            }

            return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
        }

        /// <summary>Sends <paramref name="sendLength"/> bytes of the stream while reading; returns the SHA-256 of what was read (until <paramref name="receiveLength"/> or the end).</summary>
        private string Exchange(int socket, long sendLength, long receiveLength, int timeoutMs, bool readToEnd = false)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var tx = new byte[1460];
            var rx = new byte[4096];
            long sent = 0;
            long received = 0;
            int pending = 0;
            bool ended = false;
            var clock = Stopwatch.StartNew();
            try
            {
            _kernel.Until(() =>
            {
                // An echo peer must not be more than MaxAhead behind: socat's PIPE is one process that blocks
                // writing into its full pipe while nobody reads the pipe (its own deadlock, not TCP's).
                while (sent < sendLength && (receiveLength == 0 || sent - received < MaxAhead))
                {
                    if (pending == 0)
                    {
                        pending = (int)Math.Min(tx.Length, sendLength - sent);
                        Fill(tx, pending, sent);
                    }

                    int n = _stack.Send(socket, tx, 0, pending);
                    Assert.True(n >= 0, "Send failed, error " + _stack.Error(socket));
                    if (n == 0)
                    {
                        break;
                    }

                    sent += n;
                    if (n < pending)
                    {
                        Array.Copy(tx, n, tx, 0, pending - n);
                    }

                    pending -= n;
                }

                while (!ended)
                {
                    int n = _stack.Receive(socket, rx, 0, rx.Length);
                    if (n == 0)
                    {
                        break;
                    }

                    if (n < 0)
                    {
                        Assert.True(_stack.Error(socket) == 0, "Receive failed, error " + _stack.Error(socket));
                        ended = true;
                        break;
                    }

                    sha.AppendData(rx, 0, n);
                    received += n;
                }

                return sent == sendLength && (readToEnd ? ended : received >= receiveLength);
            }, Step, "transfer", timeoutMs);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException("transfer not done in " + timeoutMs + " ms: sent " + sent + "/" + sendLength + ", received " + received + "/" + receiveLength
                    + ", state " + _stack.State(socket) + ", retransmissions " + _stack.Tcp.Retransmissions);
            }

            Console.WriteLine("exchange: sent " + sent + ", received " + received + " in " + clock.ElapsedMilliseconds + " ms, retransmissions " + _stack.Tcp.Retransmissions);
            Assert.Equal(receiveLength, received);
            return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
        }

        private void CloseAndDrain(int socket)
        {
            _stack.Close(socket);
            Assert.Equal(SocketState.Free, _stack.State(socket));
            // Let the FIN exchange finish so the kernel side ends cleanly.
            long until = _kernel.NowMs + 300;
            _kernel.Until(() => _kernel.NowMs > until, Step, "closing");
        }

        private Process EchoServer(int port)
        {
            Process p = _kernel.Start("socat", "TCP4-LISTEN:" + port + ",bind=10.200.0.1,reuseaddr", "PIPE");
            _kernel.WaitForListener("tcp", port);
            return p;
        }

        [Fact]
        public void Connect_ToSocat_HandshakesAndEchoes()
        {
            Up();
            EchoServer(8001);
            int s = ConnectTo(8001);
            Assert.True(_stack.GetLocal(s, out uint local, out int localPort));
            Assert.Equal(Us, local);
            Assert.True(localPort > 0);
            Assert.True(_stack.GetRemote(s, out uint remote, out int remotePort));
            Assert.Equal(Kernel, remote);
            Assert.Equal(8001, remotePort);
            Assert.Equal(Hash(5000), Exchange(s, 5000, 5000, 5000));
            CloseAndDrain(s);
            _kernel.AssertNoKernelErrors();
        }

        [Fact]
        public void Bulk_TenMegabytesBothWays_IsByteExact()
        {
            Up();
            EchoServer(8002);
            _kernel.Record = false;
            int s = ConnectTo(8002);
            var clock = Stopwatch.StartNew();
            Assert.Equal(Hash(TenMegabytes), Exchange(s, TenMegabytes, TenMegabytes, 50000));
            Console.WriteLine("10 MB each way through the kernel in " + clock.ElapsedMilliseconds + " ms");
            CloseAndDrain(s);
            _kernel.AssertNoKernelErrors();
        }

        [Fact]
        public void PeerHalfClose_WeReadToTheEnd_ThenStillSend()
        {
            Up();
            // The server sends 1 MB, shuts its sending side (FIN), then reads our reply to its end and prints its hash.
            Process server = _kernel.Start("python3", "-c",
                "import socket,hashlib\nl=socket.socket()\nl.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\nl.bind(('10.200.0.1',8003))\nl.listen(1)\n"
                + "c,_=l.accept()\n"
                + "data=bytes(((p*2654435761)>>13)&255 for p in range(1048576))\nc.sendall(data)\nc.shutdown(socket.SHUT_WR)\n"
                + "h=hashlib.sha256()\nn=0\nwhile True:\n b=c.recv(65536)\n if not b: break\n h.update(b); n+=len(b)\nprint(n,h.hexdigest(),flush=True)\n");
            _kernel.WaitForListener("tcp", 8003);
            int s = ConnectTo(8003);
            Assert.Equal(Hash(1048576), Exchange(s, 0, 1048576, 20000, readToEnd: true));
            Assert.Equal(SocketState.Ended, _stack.State(s));
            Assert.Equal(0, _stack.Error(s));
            Exchange(s, 200000, 0, 20000);
            _stack.Close(s);
            _kernel.Until(() => server.HasExited, Step, "the server to read our reply to its end");
            Assert.Equal("200000 " + Hash(200000), server.StandardOutput.ReadToEnd().Trim());
            _kernel.AssertNoKernelErrors();
        }

        [Fact]
        public void Connect_ToAClosedKernelPort_IsRefusedWith38016()
        {
            Up();
            int s = _stack.TcpConnect(Kernel, 8999);
            Assert.True(s > 0);
            _kernel.Until(() => _stack.State(s) != SocketState.Connecting, Step, "the RST");
            Assert.Equal(SocketState.Failed, _stack.State(s));
            Assert.Equal(ErrorCodes.OpenSessionFailed, _stack.Error(s));
            _stack.Close(s);
            Assert.Equal(0, _stack.SocketsInUse);
            _kernel.AssertNoKernelErrors();
        }

        [Fact]
        public void Listener_AcceptsAKernelClient_AndEchoesItsBytes()
        {
            Up();
            int listener = _stack.TcpListen(9000);
            Assert.True(listener > 0);
            Assert.Equal(SocketState.Listening, _stack.State(listener));
            Process client = _kernel.Start("python3", "-c",
                "import socket,hashlib\nc=socket.create_connection(('10.200.0.2',9000),timeout=10)\n"
                + "data=bytes(((p*2654435761)>>13)&255 for p in range(300000))\nc.sendall(data)\nc.shutdown(socket.SHUT_WR)\n"
                + "h=hashlib.sha256()\nn=0\nwhile True:\n b=c.recv(65536)\n if not b: break\n h.update(b); n+=len(b)\nprint(n,h.hexdigest(),flush=True)\n");
            int s = 0;
            _kernel.Until(() => (s = _stack.Accept(listener)) != 0, Step, "a connection to accept");
            Assert.True(s > 0, "Accept gave " + s);
            Assert.Equal(SocketState.Open, _stack.State(s));
            Assert.True(_stack.GetRemote(s, out uint remote, out _));
            Assert.Equal(Kernel, remote);

            // Echo what comes until the client's FIN, then close: the client checks what it got back.
            var rx = new byte[4096];
            int queued = 0;
            int offset = 0;
            bool ended = false;
            _kernel.Until(() =>
            {
                if (queued > 0)
                {
                    int n = _stack.Send(s, rx, offset, queued);
                    Assert.True(n >= 0, "Send failed " + _stack.Error(s));
                    queued -= n;
                    offset += n;
                }

                if (queued == 0 && !ended)
                {
                    int n = _stack.Receive(s, rx, 0, rx.Length);
                    if (n < 0)
                    {
                        ended = true;
                    }
                    else
                    {
                        queued = n;
                        offset = 0;
                    }
                }

                return ended && queued == 0;
            }, Step, "echoing the client", 20000);
            _stack.Close(s);
            _kernel.Until(() => client.HasExited, Step, "the client to finish");
            Assert.Equal("300000 " + Hash(300000), client.StandardOutput.ReadToEnd().Trim());
            _stack.Close(listener);
            _kernel.AssertNoKernelErrors();
        }

        [Fact]
        public void Bulk_WithLossDuplicationAndReordering_IsStillByteExact()
        {
            Up();
            EchoServer(8004);
            _kernel.Record = false;
            int s = ConnectTo(8004);
            var faults = new FaultPlan(0.01, 0.01, 0.02, 4242);
            _kernel.Faults = faults;
            const int length = 2 * 1024 * 1024;
            var clock = Stopwatch.StartNew();
            Assert.Equal(Hash(length), Exchange(s, length, length, 50000));
            Console.WriteLine("2 MB each way with faults in " + clock.ElapsedMilliseconds + " ms: dropped " + faults.Dropped
                + ", duplicated " + faults.Duplicated + ", reordered " + faults.Reordered);
            Assert.True(faults.Dropped > 0 && faults.Duplicated > 0 && faults.Reordered > 0, "every fault happened");
            _kernel.Faults = new FaultPlan(0, 0, 0, 1);
            CloseAndDrain(s);
            _kernel.AssertNoKernelErrors();
        }
    }
}
