using System;
using System.Threading;
using EdSoftNano.Device.App;
using EdSoftNano.Device.Ports;
using EdSoftNano.Device.Tests.Support;
using EdSoftNano.Ports;
using EdSoftNano.Session;
using nanoFramework.TestFramework;

namespace EdSoftNano.Device.Tests.Bindings
{
    /// <summary>
    /// The device's <see cref="NanoNetStack"/> and <see cref="BoardNetworkBearer"/> on the board's
    /// Wi-Fi (see <see cref="BindingSetup"/>): the bearer reports the interface's address and DNS
    /// servers, a host name resolves through the core's DnsResolver over the board's UDP sockets,
    /// a TCP connect made on the connect thread reaches the echo server and what is sent comes
    /// back, a connect that nobody answers can be closed while under way without holding up the
    /// next one, and ping is refused (nanoFramework has no ICMP API).
    /// </summary>
    [TestClass]
    public class NanoNetStackBindingTests
    {
        private static BoardNetworkBearer Up()
        {
            NanoNetStack stack = new NanoNetStack(4, 2, 1472, (int)Environment.TickCount64);
            BoardNetworkBearer bearer = new BoardNetworkBearer(stack);
            long end = Environment.TickCount64 + BindingSetup.NetworkTimeoutMs;
            while (true)
            {
                // The firmware joins the Wi-Fi by itself after boot; give it the time to get a lease.
                bearer.Start(new BearerRequest(), null, Environment.TickCount64);
                if (bearer.State == BearerState.Up || Environment.TickCount64 > end)
                {
                    break;
                }

                Thread.Sleep(500);
            }

            Assert.AreEqual((int)BearerState.Up, (int)bearer.State, "bearer up (is the Wi-Fi configured and in reach?)");
            return bearer;
        }

        private static uint ResolveEcho(BoardNetworkBearer bearer)
        {
            INetStack stack = bearer.Stack;
            int query = stack.ResolveStart(BindingSetup.EchoHost, bearer.PrimaryDns, bearer.SecondaryDns, Environment.TickCount64);
            Assert.IsTrue(query > 0, "a resolver slot");
            long end = Environment.TickCount64 + BindingSetup.NetworkTimeoutMs;
            uint address = 0;
            NetQueryResult result = NetQueryResult.Pending;
            while (result == NetQueryResult.Pending && Environment.TickCount64 < end)
            {
                result = stack.ResolveResult(query, Environment.TickCount64, out address);
                Thread.Sleep(10);
            }

            Assert.AreEqual((int)NetQueryResult.Done, (int)result, string.Concat("resolved ", BindingSetup.EchoHost));
            Assert.AreNotEqual(0u, address, "an address");
            return address;
        }

        private static SocketState WaitWhileConnecting(INetStack stack, int socket, int timeoutMs)
        {
            long end = Environment.TickCount64 + timeoutMs;
            SocketState state = stack.State(socket);
            while (state == SocketState.Connecting && Environment.TickCount64 < end)
            {
                Thread.Sleep(10);
                state = stack.State(socket);
            }

            return state;
        }

        [TestMethod]
        public void Start_OnTheBoardsWifi_ReportsItsAddressAndDns()
        {
            BoardNetworkBearer bearer = Up();
            try
            {
                Assert.AreNotEqual(0u, bearer.LocalAddress, "our address");
                Assert.AreNotEqual(0u, bearer.PeerAddress, "the gateway");
                Assert.AreNotEqual(0u, bearer.PrimaryDns, "a DNS server from DHCP");
                Assert.AreEqual("Wi-Fi", bearer.InterfaceName, "the station interface");
            }
            finally
            {
                bearer.Stop(Environment.TickCount64);
            }
        }

        [TestMethod]
        public void TcpConnect_ToTheEchoHost_EchoesWhatIsSent()
        {
            BoardNetworkBearer bearer = Up();
            INetStack stack = bearer.Stack;
            try
            {
                uint address = ResolveEcho(bearer);
                int socket = stack.TcpConnect(address, BindingSetup.EchoPort);
                Assert.IsTrue(socket > 0, "a handle");
                Assert.AreEqual((int)SocketState.Open, (int)WaitWhileConnecting(stack, socket, BindingSetup.NetworkTimeoutMs),
                    string.Concat("connected to ", BindingSetup.EchoHost, " (error ", stack.Error(socket).ToString(), ")"));

                uint localAddress;
                int localPort;
                Assert.IsTrue(stack.GetLocal(socket, out localAddress, out localPort), "local endpoint");
                Assert.AreEqual(bearer.LocalAddress, localAddress, "our address");
                Assert.IsTrue(localPort > 0, "an ephemeral port");

                byte[] sent = Text.Bytes("edsoft echo\r\n");
                int queued = 0;
                long end = Environment.TickCount64 + BindingSetup.NetworkTimeoutMs;
                while (queued < sent.Length && Environment.TickCount64 < end)
                {
                    int n = stack.Send(socket, sent, queued, sent.Length - queued);
                    Assert.IsTrue(n >= 0, "send");
                    queued += n;
                }

                Assert.AreEqual(sent.Length, queued, "all queued");
                byte[] got = new byte[64];
                int total = 0;
                while (total < sent.Length && Environment.TickCount64 < end)
                {
                    int n = stack.Receive(socket, got, total, got.Length - total);
                    Assert.IsTrue(n >= 0, string.Concat("receive (error ", stack.Error(socket).ToString(), ")"));
                    total += n;
                    if (n == 0)
                    {
                        Thread.Sleep(10);
                    }
                }

                Assert.AreEqual("edsoft echo\r\n", Text.Of(got, 0, total), "echoed");
                Assert.AreEqual(0, stack.Receive(socket, got, 0, got.Length), "nothing more, and the call did not wait");
                Assert.IsTrue(bearer.NetStack.Transfers > 0, "activity counted");
                stack.Close(socket);
                Assert.AreEqual((int)SocketState.Free, (int)stack.State(socket), "handle freed");
                Assert.AreEqual(0, bearer.NetStack.SocketsInUse, "nothing leaked");
            }
            finally
            {
                bearer.Stop(Environment.TickCount64);
            }
        }

        [TestMethod]
        public void Close_WhileAConnectIsUnderWay_FreesTheHandleAndTheConnectThread()
        {
            BoardNetworkBearer bearer = Up();
            INetStack stack = bearer.Stack;
            try
            {
                int silent = stack.TcpConnect(BindingSetup.SilentAddress, BindingSetup.EchoPort);
                Assert.IsTrue(silent > 0, "a handle");
                Thread.Sleep(1000);
                Assert.AreEqual((int)SocketState.Connecting, (int)stack.State(silent), "still under way");
                stack.Close(silent);
                Assert.AreEqual(0, bearer.NetStack.SocketsInUse, "handle freed at once");

                // The connect thread was blocked in that connect: the next one must not wait for lwIP to give up.
                uint address = ResolveEcho(bearer);
                int socket = stack.TcpConnect(address, BindingSetup.EchoPort);
                Assert.AreEqual((int)SocketState.Open, (int)WaitWhileConnecting(stack, socket, BindingSetup.NetworkTimeoutMs),
                    "the next connect goes through");
                stack.Close(socket);
            }
            finally
            {
                bearer.Stop(Environment.TickCount64);
            }
        }

        [TestMethod]
        public void PingStart_WithoutAnIcmpApi_ReturnsMinusOne()
        {
            NanoNetStack stack = new NanoNetStack(1, 1, 64, 1);
            Assert.AreEqual(-1, stack.PingStart(BindingSetup.SilentAddress, 1000, 0), "no ping on nanoFramework sockets");
            int rtt;
            Assert.AreEqual((int)NetQueryResult.Failed, (int)stack.PingResult(1, 0, out rtt), "no query to ask about");
        }

        [TestMethod]
        public void UdpOpen_WhenEveryDatagramBufferIsLent_ReturnsMinusOne()
        {
            NanoNetStack stack = new NanoNetStack(4, 1, 64, 1);
            int first = stack.UdpOpen(0);
            Assert.IsTrue(first > 0, "first UDP socket");
            Assert.AreEqual(-1, stack.UdpOpen(0), "no buffer left for a second");
            Assert.AreEqual(1, stack.DatagramBufferFailures, "the pool counts the refusal");
            stack.Close(first);
            int again = stack.UdpOpen(0);
            Assert.IsTrue(again > 0, "the buffer came back on close");
            stack.Close(again);
            Assert.AreEqual(0, stack.SocketsInUse, "nothing leaked");
        }
    }
}
