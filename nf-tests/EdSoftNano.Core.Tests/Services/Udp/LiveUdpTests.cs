using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdSoftNano.At;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Servers;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.Services.Udp
{
    /// <summary>
    /// #OUDP, #LUDPSTART, #LUDPSTOP over the host's network on real time (spec 6): the socat UDP
    /// echo server of tools/test-servers, the test DNS server, and UDP peers the test plays itself.
    /// </summary>
    public class LiveUdpTests
    {
        private const string Etx = "\u0003";
        private const string Ok = "\r\nOK\r\n";
        private const string Banner = "\r\nOk_Info_WaitingForData\r\n";
        private const string Closed = Etx + "\r\nOk_Info_SocketClosed\r\n\r\nOK\r\n";

        private static string Error(int code) => "\r\n#CME ERROR: " + code + "\r\n";

        private static LiveDevice Device(string server, int port, int txDelay)
        {
            var device = new LiveDevice().Connected();
            Assert.Equal(Ok + Ok + Ok, device.Exchange("AT#UDPSERV=\"" + server + "\"\rAT#UDPPORT=" + port + "\rAT#UDPTXDELAY=" + txDelay + "\r",
                "OK\r\n\r\nOK\r\n\r\nOK\r\n$"));
            return device;
        }

        private static int PortOf(UdpClient client) => ((IPEndPoint)client.Client.LocalEndPoint).Port;

        [Fact]
        public void Oudp_EchoServer_DleCodedBothWays_HostEtxClosesWithSocketClosed()
        {
            TestServer echo = TestServers.UdpEcho;
            var device = Device(echo.Host, echo.Port, 0);

            Assert.Equal(Banner, device.Exchange("AT#OUDP\r", "WaitingForData\r\n$"));
            Assert.Equal("a\u0010\u0003b\u0010\u0010c", device.Exchange("a\u0010\u0003b\u0010\u0010c", "c$"));
            Assert.Equal(Closed, device.Exchange(Etx, "OK\r\n$"));
            Assert.Equal(Ok, device.Exchange("AT#UDPTXDELAY=100\r", "OK\r\n$"));
        }

        [Fact]
        public void Oudp_ServerByNameThroughTestDns_Echoes()
        {
            TestServer dns = TestServers.Dns;
            TestServer echo = TestServers.UdpEcho;
            var device = Device("echo.edsoft.test", echo.Port, 0);
            ((HostNetStack)device.Bearer.Stack).DnsServerPort = dns.Port;
            device.Exchange("AT#DNSSERV1=\"" + dns.Host + "\"\r", "OK\r\n$");

            Assert.Equal(Banner, device.Exchange("AT#OUDP\r", "WaitingForData\r\n$"));
            Assert.Equal("hi", device.Exchange("hi", "hi$"));
            Assert.Equal(Closed, device.Exchange(Etx, "OK\r\n$"));
        }

        [Fact]
        public void Oudp_NameUnknownToDns_38027()
        {
            TestServer dns = TestServers.Dns;
            var device = Device(dns.Setting("NXNAME"), 9, 0);
            ((HostNetStack)device.Bearer.Stack).DnsServerPort = dns.Port;
            device.Exchange("AT#DNSSERV1=\"" + dns.Host + "\"\r", "OK\r\n$");

            Assert.Equal(Error(ErrorCodes.DnsFailed), device.Exchange("AT#OUDP\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void Oudp_PortZeroDefault_36929()
        {
            var device = new LiveDevice().Connected();
            device.Exchange("AT#UDPSERV=\"127.0.0.1\"\r", "OK\r\n$");

            Assert.Equal(Error(ErrorCodes.BadParameterConfiguration), device.Exchange("AT#OUDP\r", "ERROR: [0-9]+\r\n$"));
            Assert.Equal(Error(ErrorCodes.BadParameterConfiguration), device.Exchange("AT#LUDPSTART\r", "ERROR: [0-9]+\r\n$"));
        }

        [Fact]
        public void Oudp_UdpTxDelay_BatchesHostBytesIntoOneDatagram()
        {
            using (var peer = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            {
                var device = Device("127.0.0.1", PortOf(peer), 1000);
                Assert.Equal(Banner, device.Exchange("AT#OUDP\r", "WaitingForData\r\n$"));
                device.Type(Encoding.ASCII.GetBytes("ab"));
                device.RunFor(300);
                device.Type(Encoding.ASCII.GetBytes("cd"));
                device.RunFor(300);
                Assert.Equal(0, peer.Available);

                Assert.Equal("abcd", Encoding.ASCII.GetString(Receive(peer, device)));
                Assert.Equal(0, peer.Available);
                Assert.Equal(Closed, device.Exchange(Etx, "OK\r\n$"));
            }
        }

        [Fact]
        public void Ludpstart_AnyPeer_OkThenBannerAndFirstDatagram_LockedOntoThatSender()
        {
            using (var first = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            using (var other = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            {
                int port = FreeUdpPort();
                var device = Device("255.255.255.255", port, 0);
                Assert.Equal(Ok, device.Exchange("AT#LUDPSTART\r", "OK\r\n$"));
                Assert.Equal("", device.RunFor(100));

                // Longer than the listener's first read: it all arrives, in order.
                string hello = "hello from the first sender, longer than one peek: \u0003 ok";
                first.Send(Encoding.Latin1.GetBytes(hello), hello.Length, new IPEndPoint(IPAddress.Loopback, port));
                Assert.Equal(Banner + hello.Replace("\u0003", "\u0010\u0003"), device.ReadUntil("ok$"));

                device.Type(Encoding.ASCII.GetBytes("reply"));
                Assert.Equal("reply", Encoding.ASCII.GetString(Receive(first, device)));

                other.Send(Encoding.ASCII.GetBytes("intruder"), 8, new IPEndPoint(IPAddress.Loopback, port));
                first.Send(Encoding.ASCII.GetBytes("more"), 4, new IPEndPoint(IPAddress.Loopback, port));
                Assert.Equal("more", device.ReadUntil("more$"));
                Assert.Equal(Closed, device.Exchange(Etx, "OK\r\n$"));
            }
        }

        [Fact]
        public void Ludpstart_SenderOutsideUdpServ_Ignored_LudpstopOk()
        {
            using (var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            {
                int port = FreeUdpPort();
                var device = Device("10.9.8.7", port, 0);
                Assert.Equal(Ok, device.Exchange("AT#LUDPSTART\r", "OK\r\n$"));

                stranger.Send(Encoding.ASCII.GetBytes("let me in"), 9, new IPEndPoint(IPAddress.Loopback, port));
                Assert.Equal("", device.RunFor(300));
                Assert.Equal(Error(ErrorCodes.ServiceRunning), device.Exchange("AT#UDPPORT=5\r", "ERROR: [0-9]+\r\n$"));
                Assert.Equal(Error(ErrorCodes.AnotherApplicationRunning), device.Exchange("AT#OTCP=1\r", "ERROR: [0-9]+\r\n$"));
                Assert.Equal(Ok, device.Exchange("AT#LUDPSTOP\r", "OK\r\n$"));
                Assert.Equal(Ok, device.Exchange("AT#UDPPORT=5\r", "OK\r\n$"));
            }
        }

        [Fact]
        public void Ludpstart_PortInUse_36872()
        {
            using (var taken = new UdpClient(new IPEndPoint(IPAddress.Any, 0)))
            {
                var device = Device("255.255.255.255", PortOf(taken), 0);

                Assert.Equal(Error(ErrorCodes.InternalResourceUnavailable), device.Exchange("AT#LUDPSTART\r", "ERROR: [0-9]+\r\n$"));
            }
        }

        private static int FreeUdpPort()
        {
            using (var probe = new UdpClient(new IPEndPoint(IPAddress.Any, 0)))
            {
                return PortOf(probe);
            }
        }

        // One datagram for the peer, while the device keeps running.
        private static byte[] Receive(UdpClient peer, LiveDevice device)
        {
            DateTime deadline = DateTime.UtcNow.AddSeconds(10);
            while (peer.Available == 0)
            {
                device.RunFor(5);
                Assert.True(DateTime.UtcNow < deadline, "no datagram for the peer");
            }

            IPEndPoint from = null;
            return peer.Receive(ref from);
        }
    }
}
