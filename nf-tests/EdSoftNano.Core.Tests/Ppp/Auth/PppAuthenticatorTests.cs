using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using Xunit;

namespace EdSoftNano.Tests.Ppp.Auth
{
    public class PppAuthenticatorTests
    {
        private sealed class Link : IPppPacketOutput
        {
            public PppAuthenticator To;
            public long Now;
            public void Send(int protocol, byte[] packet, int offset, int count)
            {
                var copy = new byte[count];
                System.Array.Copy(packet, offset, copy, 0, count);
                To.Receive(Now, protocol, copy, 0, count);
            }
        }

        [Theory]
        [InlineData(PppProtocol.Pap, 0)]
        [InlineData(PppProtocol.Chap, 0)]
        [InlineData(PppProtocol.Chap, PppProtocol.Pap)]
        [InlineData(PppProtocol.Pap, PppProtocol.Chap)]
        public void Start_BothDirections_BothSidesSucceed(int aAuthenticatesB, int bAuthenticatesA)
        {
            var toB = new Link(); var toA = new Link();
            var a = new PppAuthenticator(toB, new byte[AuthCodec.TxBufferLength], 1);
            var b = new PppAuthenticator(toA, new byte[AuthCodec.TxBufferLength], 2);
            toB.To = b; toA.To = a;
            a.SetServerCredentials("bob", "b-secret"); b.SetClientCredentials("bob", "b-secret");
            b.SetServerCredentials("ann", "a-secret"); a.SetClientCredentials("ann", "a-secret");
            // a's LCP: LocalAuth = what a required, PeerAuth = what b required of a.
            b.Start(0, aAuthenticatesB, bAuthenticatesA);
            a.Start(0, bAuthenticatesA, aAuthenticatesB);
            // CHAP challenges sent before the peer started are lost; the restart timer recovers.
            for (long t = 0; t <= 10000 && !(a.Succeeded && b.Succeeded); t += 500)
            {
                toA.Now = toB.Now = t;
                a.Poll(t); b.Poll(t);
            }

            Assert.Equal(AuthResult.Succeeded, a.Result);
            Assert.Equal(AuthResult.Succeeded, b.Result);
        }

        [Fact]
        public void Start_NoAuthNegotiated_SucceedsAtOnce()
        {
            var a = new PppAuthenticator(new Link(), new byte[AuthCodec.TxBufferLength], 1);
            Assert.Equal(AuthResult.Idle, a.Result);
            a.Start(0, 0, 0);
            Assert.True(a.Succeeded);
            Assert.Equal(long.MaxValue, a.NextDeadlineMs);
        }

        [Fact]
        public void Receive_ProtocolNotRunning_ReturnsFalse()
        {
            var a = new PppAuthenticator(new Sink(), new byte[AuthCodec.TxBufferLength], 1);
            a.Start(0, PppProtocol.Pap, 0);
            Assert.False(a.Receive(0, PppProtocol.Chap, new byte[] { 1, 1, 0, 5, 0 }, 0, 5));
            Assert.False(a.Receive(0, PppProtocol.Lcp, new byte[] { 1, 1, 0, 4 }, 0, 4));
            Assert.True(a.Receive(0, PppProtocol.Pap, new byte[] { 3, 1, 0, 5, 0 }, 0, 5));
            Assert.Equal(AuthResult.Rejected, a.Result);
            Assert.True(a.ClientFailed);
        }

        [Fact]
        public void Poll_PeerSilent_TimedOut()
        {
            var sink = new Sink();
            var a = new PppAuthenticator(sink, new byte[AuthCodec.TxBufferLength], 1);
            a.PapClient.Configure(1000, 2);
            a.Start(0, PppProtocol.Pap, 0);
            a.Poll(1000); a.Poll(2000);
            Assert.Equal(AuthResult.TimedOut, a.Result);
            Assert.True(a.Failed);
            Assert.Equal(2, sink.Count);
        }

        private sealed class Sink : IPppPacketOutput
        {
            public int Count;
            public void Send(int protocol, byte[] packet, int offset, int count) { Count++; }
        }
    }
}
