using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Servers;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services.Tcp
{
    /// <summary>
    /// #OTCP, #LTCPSTART, #LTCPSTOP over the host's network on real time (spec 5, A.8): the socat
    /// echo server of tools/test-servers, the test DNS server, and peers the test plays itself
    /// (a closed port, a reset, a FIN while host bytes wait, callers from allowed and other addresses).
    /// </summary>
    public class LiveTcpTests
    {
        private const string Etx = "\u0003";
        private const string Ok = "\r\nOK\r\n";
        private const string Banner = "\r\nOk_Info_WaitingForData\r\n";
        private const string SocketClosed = "\r\nOk_Info_SocketClosed\r\n\r\nOK\r\n";

        private static string Error(int code) => "\r\n#CME ERROR: " + code + "\r\n";

        private static int FreeTcpPort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        private static LiveDevice Client(int id, string server, int port)
        {
            var device = new LiveDevice().Connected();
            Assert.Equal(Ok + Ok, device.Exchange("AT#TCPSERV=" + id + ",\"" + server + "\"\rAT#TCPPORT=" + id + "," + port + "\r", "OK\r\n\r\nOK\r\n$"));
            return device;
        }

        [Fact]
        public void Otcp_EchoServer_OneMiBWithManyEtxAndDle_ComesBackByteIdentical()
        {
            TestServer echo = TestServers.TcpEcho;
            var device = Client(1, echo.Host, echo.Port);
            device.Exchange("AT#TCPTXDELAY=1,0\r", "OK\r\n$");

            var random = new Random(5);
            byte[] payload = new byte[1 << 20];
            random.NextBytes(payload);
            for (int i = 0; i < payload.Length; i += 1 + random.Next(8))
            {
                payload[i] = random.Next(2) == 0 ? DleText.Etx : DleText.Dle;
            }

            byte[] coded = DleText.Escape(payload);
            Assert.Equal(Banner, device.Exchange("AT#OTCP=1\r", "WaitingForData\r\n$"));
            device.Type(coded);
            byte[] back = device.ReadBytes(coded.Length, 120000);

            Assert.Equal(coded, back);
            Assert.Equal(payload, DleText.Unescape(back));
            Assert.Equal(Ok, device.Exchange(Etx, "OK\r\n$"));
            Assert.Equal(Ok, device.Exchange("AT#TCPTXDELAY=2,100\r", "OK\r\n$"));
        }

        [Fact]
        public void Otcp_ServerByNameThroughTestDns_EchoesThenHostEtxOk()
        {
            TestServer dns = TestServers.Dns;
            TestServer echo = TestServers.TcpEcho;
            var device = Client(2, "echo.edsoft.test", echo.Port);
            ((HostNetStack)device.Bearer.Stack).DnsServerPort = dns.Port;
            device.Exchange("AT#DNSSERV1=\"" + dns.Host + "\"\r", "OK\r\n$");

            Assert.Equal(Banner, device.Exchange("AT#OTCP=2\r", "WaitingForData\r\n$"));
            Assert.Equal("hello", device.Exchange("hello", "hello$"));
            Assert.Equal(Ok, device.Exchange(Etx, "OK\r\n$"));
        }

        [Fact]
        public void Otcp_NameUnknownToDns_38027()
        {
            TestServer dns = TestServers.Dns;
            var device = Client(1, dns.Setting("NXNAME"), 7);
            ((HostNetStack)device.Bearer.Stack).DnsServerPort = dns.Port;
            device.Exchange("AT#DNSSERV1=\"" + dns.Host + "\"\r", "OK\r\n$");

            Assert.Equal(Error(ErrorCodes.DnsFailed), device.Exchange("AT#OTCP=1\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void Otcp_PortNobodyListensOn_Refused38016()
        {
            var device = Client(1, "127.0.0.1", FreeTcpPort());

            Assert.Equal(Error(ErrorCodes.OpenSessionFailed), device.Exchange("AT#OTCP=1\r", "ERROR: [0-9]+\r\n$"));
            Assert.Equal(Ok, device.Exchange("AT#TCPTXDELAY=2,100\r", "OK\r\n$"));
        }

        [Fact]
        public void Otcp_PeerResets_EtxThen37952()
        {
            var server = new TcpListener(IPAddress.Loopback, 0);
            server.Start();
            var device = Client(1, "127.0.0.1", ((IPEndPoint)server.LocalEndpoint).Port);
            Assert.Equal(Banner, device.Exchange("AT#OTCP=1\r", "WaitingForData\r\n$"));

            // SO_LINGER 0: the close is abortive, an RST (a TcpClient would send FIN first).
            Socket peer = server.AcceptSocket();
            peer.LingerState = new LingerOption(true, 0);
            peer.Close();

            Assert.Equal(Etx + Error(ErrorCodes.TcpContextCancelled), device.ReadUntil("ERROR: [0-9]+\r\n$"));
            server.Stop();
        }

        [Fact]
        public void Otcp_PeerSendsAndCloses_DataEtxSocketClosedOk()
        {
            var server = new TcpListener(IPAddress.Loopback, 0);
            server.Start();
            var device = Client(1, "127.0.0.1", ((IPEndPoint)server.LocalEndpoint).Port);
            Assert.Equal(Banner, device.Exchange("AT#OTCP=1\r", "WaitingForData\r\n$"));

            using (TcpClient peer = server.AcceptTcpClient())
            {
                peer.GetStream().Write(new byte[] { (byte)'b', DleText.Etx, (byte)'y' });
            }

            Assert.Equal("b\u0010\u0003y" + Etx + SocketClosed, device.ReadUntil("OK\r\n$"));
            server.Stop();
        }

        [Fact]
        public void Otcp_PeerClosesWhileHostBytesWaitForTxDelay_EtxThen37966()
        {
            var server = new TcpListener(IPAddress.Loopback, 0);
            server.Start();
            var device = Client(1, "127.0.0.1", ((IPEndPoint)server.LocalEndpoint).Port);
            device.Exchange("AT#TCPTXDELAY=1,5000\r", "OK\r\n$");
            Assert.Equal(Banner, device.Exchange("AT#OTCP=1\r", "WaitingForData\r\n$"));

            TcpClient peer = server.AcceptTcpClient();
            device.Type(Encoding.ASCII.GetBytes("late"));
            Assert.Equal("", device.RunFor(100));
            peer.Close();

            Assert.Equal(Etx + Error(ErrorCodes.ClosedByPeer), device.ReadUntil("ERROR: [0-9]+\r\n$"));
            server.Stop();
        }

        [Fact]
        public void Otcp_DleMode0_EtxIsPayload_OnlyThePeerCloses()
        {
            var server = new TcpListener(IPAddress.Loopback, 0);
            server.Start();
            var device = Client(1, "127.0.0.1", ((IPEndPoint)server.LocalEndpoint).Port);
            device.Exchange("AT#DLEMODE=1,0\rAT#TCPTXDELAY=1,0\r", "OK\r\n\r\nOK\r\n$");
            Assert.Equal(Banner, device.Exchange("AT#OTCP=1\r", "WaitingForData\r\n$"));

            using (TcpClient peer = server.AcceptTcpClient())
            {
                peer.ReceiveTimeout = 10000;
                device.Type(new byte[] { (byte)'a', DleText.Etx, DleText.Dle, (byte)'b' });
                byte[] got = ReadFrom(peer, device, 4);
                Assert.Equal(new byte[] { (byte)'a', DleText.Etx, DleText.Dle, (byte)'b' }, got);
                peer.GetStream().Write(new byte[] { DleText.Etx, DleText.Dle });
                Assert.Equal("\u0003\u0010", device.ReadUntil("\u0003\u0010$"));
            }

            Assert.Equal(Etx + SocketClosed, device.ReadUntil("OK\r\n$"));
            server.Stop();
        }

        [Fact]
        public void Ltcpstart_AnyPeer_OkThenBannerWhenItCalls_DataBothWays_HostEtxOk()
        {
            int port = FreeTcpPort();
            var device = Client(1, "255.255.255.255", port);
            device.Exchange("AT#TCPTXDELAY=1,0\r", "OK\r\n$");

            Assert.Equal(Ok, device.Exchange("AT#LTCPSTART=1\r", "OK\r\n$"));
            Assert.Equal("", device.RunFor(100));
            using (var peer = new TcpClient())
            {
                peer.Connect(IPAddress.Loopback, port);
                Assert.Equal(Banner, device.ReadUntil("WaitingForData\r\n$"));
                peer.GetStream().Write(Encoding.ASCII.GetBytes("ping"));
                Assert.Equal("ping", device.ReadUntil("ping$"));
                device.Type(Encoding.ASCII.GetBytes("pong"));
                Assert.Equal("pong", Encoding.ASCII.GetString(ReadFrom(peer, device, 4)));

                Assert.Equal(Ok, device.Exchange(Etx, "OK\r\n$"));
                Assert.Equal(0, peer.GetStream().Read(new byte[1], 0, 1));
            }
        }

        [Fact]
        public void Ltcpstart_HostEtxBeforeAPeerCalls_AbortsTheListenerWithOk()
        {
            int port = FreeTcpPort();
            var device = Client(1, "255.255.255.255", port);
            Assert.Equal(Ok, device.Exchange("AT#LTCPSTART=1\r", "OK\r\n$"));
            Assert.Equal(Ok, device.Exchange(Etx, "OK\r\n$"));

            // The port is closed again: a caller is refused, and the socket id is free for a new listener.
            using (var caller = new TcpClient())
            {
                Assert.Throws<SocketException>(() => caller.Connect(IPAddress.Loopback, port));
            }

            Assert.Equal(Ok, device.Exchange("AT#LTCPSTART=1\r", "OK\r\n$"));
            Assert.Equal(Ok, device.Exchange("AT#LTCPSTOP=1\r", "OK\r\n$"));
        }

        [Fact]
        public void HostEtx_WithNothingListening_IsIgnoredLikeAnyStrayByte()
        {
            var device = new LiveDevice().Connected();
            Assert.Equal("\r\n#STATE: \"CONNECTED\"\r\n" + Ok, device.Exchange(Etx + "AT#VSTATE\r", "OK\r\n$"));
        }

        [Fact]
        public void Ltcpstart_PeerOutsideTcpServ_Refused_ListenerWaitsOn_LtcpstopOk()
        {
            int port = FreeTcpPort();
            var device = Client(2, "10.9.8.7", port);
            Assert.Equal(Ok, device.Exchange("AT#LTCPSTART=2\r", "OK\r\n$"));

            using (var stranger = new TcpClient())
            {
                stranger.Connect(IPAddress.Loopback, port);
                stranger.ReceiveTimeout = 10000;
                Assert.Equal("", device.RunFor(300));
                Assert.Equal(0, ReadOrReset(stranger));
            }

            Assert.Equal(Error(ErrorCodes.ServiceRunning), device.Exchange("AT#TCPPORT=2,99\r", "ERROR: [0-9]+\r\n$"));
            Assert.Equal(Ok, device.Exchange("AT#TCPPORT=1,99\r", "OK\r\n$"));
            Assert.Equal(Ok, device.Exchange("AT#LTCPSTOP=2\r", "OK\r\n$"));
            Assert.Equal(Ok, device.Exchange("AT#TCPPORT=2,99\r", "OK\r\n$"));
        }

        [Fact]
        public void Ltcpstart_AllowedPeerByTcpServ_Accepted()
        {
            int port = FreeTcpPort();
            var device = Client(1, "127.0.0.1", port);
            Assert.Equal(Ok, device.Exchange("AT#LTCPSTART=1\r", "OK\r\n$"));

            using (var peer = new TcpClient())
            {
                peer.Connect(IPAddress.Loopback, port);
                Assert.Equal(Banner, device.ReadUntil("WaitingForData\r\n$"));
            }

            Assert.Equal(Etx + SocketClosed, device.ReadUntil("OK\r\n$"));
        }

        [Fact]
        public void BothSockets_ListenerOn2WhileClientOn1_EachWithItsOwnParameters()
        {
            TestServer echo = TestServers.TcpEcho;
            int port = FreeTcpPort();
            var device = Client(1, echo.Host, echo.Port);
            device.Exchange("AT#TCPSERV=2,\"255.255.255.255\"\rAT#TCPPORT=2," + port + "\rAT#DLEMODE=2,0\r", "OK\r\n\r\nOK\r\n\r\nOK\r\n$");

            Assert.Equal(Ok, device.Exchange("AT#LTCPSTART=2\r", "OK\r\n$"));
            Assert.Equal(Banner, device.Exchange("AT#OTCP=1\r", "WaitingForData\r\n$"));
            using (var caller = new TcpClient())
            {
                // Socket 2's caller arrives while socket 1 holds the host link: it waits its turn.
                caller.Connect(IPAddress.Loopback, port);
                caller.GetStream().Write(new byte[] { DleText.Etx, (byte)'r' });
                Assert.Equal("x\u0010\u0010\u0010\u0003", device.Exchange("x\u0010\u0010\u0010\u0003", "x\u0010\u0010\u0010\u0003$"));

                Assert.Equal(Ok + Banner + "\u0003r", device.Exchange(Etx, "WaitingForData\r\n\u0003r$"));
            }

            Assert.Equal(Etx + SocketClosed, device.ReadUntil("OK\r\n$"));
        }

        [Fact]
        public void Ltcpstart_PortInUse_36872()
        {
            var taken = new TcpListener(IPAddress.Any, 0);
            taken.Start();
            var device = Client(1, "255.255.255.255", ((IPEndPoint)taken.LocalEndpoint).Port);

            Assert.Equal(Error(ErrorCodes.InternalResourceUnavailable), device.Exchange("AT#LTCPSTART=1\r", "ERROR: [0-9]+\r\n$"));
            taken.Stop();
        }

        // Reads n bytes from the peer while the device keeps running.
        private static byte[] ReadFrom(TcpClient peer, LiveDevice device, int n)
        {
            byte[] got = new byte[n];
            int have = 0;
            DateTime deadline = DateTime.UtcNow.AddSeconds(10);
            while (have < n)
            {
                device.RunFor(5);
                if (peer.Available > 0)
                {
                    have += peer.GetStream().Read(got, have, n - have);
                }

                Assert.True(DateTime.UtcNow < deadline, "the peer got " + have + " of " + n + " bytes");
            }

            return got;
        }

        // 0 when the connection was closed on us (FIN or RST), else the byte count that came.
        private static int ReadOrReset(TcpClient client)
        {
            try
            {
                return client.GetStream().Read(new byte[16], 0, 16);
            }
            catch (System.IO.IOException)
            {
                return 0;
            }
        }
    }
}
