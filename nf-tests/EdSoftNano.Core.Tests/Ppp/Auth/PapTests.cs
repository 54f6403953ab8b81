using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using Xunit;

namespace EdSoftNano.Tests.Ppp.Auth
{
    public class PapTests
    {
        private static (AuthPipe, PapClient, PapServer) Make(string user, string password)
        {
            var pipe = new AuthPipe();
            var client = new PapClient(pipe.A, new byte[AuthCodec.TxBufferLength]);
            var server = new PapServer(pipe.B, new byte[AuthCodec.TxBufferLength]);
            client.SetCredentials(user, password);
            server.SetCredentials("isp", "secret");
            return (pipe, client, server);
        }

        [Fact]
        public void Authenticate_RightCredentials_BothSucceed()
        {
            var (pipe, client, server) = Make("isp", "secret");
            server.Start(0); client.Start(0);
            pipe.Run(client, server, 60000);
            Assert.Equal(AuthResult.Succeeded, client.Result);
            Assert.Equal(AuthResult.Succeeded, server.Result);
            Assert.Equal(1, client.RequestsSent);
            Assert.Equal(PppProtocol.Pap, pipe.A.LastProtocol);
            Assert.Equal(PppProtocol.Pap, pipe.B.LastProtocol);
        }

        [Fact]
        public void Request_Emitted_ByteExactRfc1334Layout()
        {
            var (pipe, client, _) = Make("ab", "xyz");
            client.Start(0);
            // Code 1, Id 1, Length 11, Peer-ID Length 2 "ab", Passwd-Length 3 "xyz" (RFC 1334 2.2.1).
            Assert.Equal(new byte[] { 1, 1, 0, 11, 2, (byte)'a', (byte)'b', 3, (byte)'x', (byte)'y', (byte)'z' }, pipe.A.SentPackets[0]);
        }

        [Fact]
        public void Authenticate_WrongPassword_BothFailWithNak()
        {
            var (pipe, client, server) = Make("isp", "guess");
            server.Start(0); client.Start(0);
            pipe.Run(client, server, 60000);
            Assert.Equal(AuthResult.Rejected, client.Result);
            Assert.Equal(AuthResult.Rejected, server.Result);
            Assert.True(client.Failed);
            Assert.Equal(AuthCodec.PapNak, pipe.B.SentPackets[0][0]);
        }

        [Fact]
        public void Authenticate_WrongUser_Rejected()
        {
            var (pipe, client, server) = Make("isq", "secret");
            server.Start(0); client.Start(0);
            pipe.Run(client, server, 60000);
            Assert.Equal(AuthResult.Rejected, client.Result);
        }

        [Fact]
        public void Authenticate_FirstRequestsLost_RetransmitsWithNewIdOnRestartTimer()
        {
            var (pipe, client, server) = Make("isp", "secret");
            client.Configure(1000, 5);
            pipe.A.Drop = n => n <= 2;
            server.Start(0); client.Start(0);
            pipe.Run(client, server, 60000);
            Assert.Equal(AuthResult.Succeeded, client.Result);
            Assert.Equal(3, client.RequestsSent);
            Assert.Equal(2000, pipe.Now);
            Assert.Equal(1, pipe.A.SentPackets[0][1]);
            Assert.Equal(2, pipe.A.SentPackets[1][1]);
            Assert.Equal(3, pipe.A.SentPackets[2][1]);
        }

        [Fact]
        public void Authenticate_AckLost_RepeatedRequestAckedAgain()
        {
            var (pipe, client, server) = Make("isp", "secret");
            client.Configure(1000, 5);
            pipe.B.Drop = n => n == 1;
            server.Start(0); client.Start(0);
            pipe.Run(client, server, 60000);
            Assert.Equal(AuthResult.Succeeded, client.Result);
            Assert.Equal(2, server.RequestsReceived);
            Assert.Equal(AuthCodec.PapAck, pipe.B.SentPackets[1][0]);
            Assert.Equal(pipe.A.SentPackets[1][1], pipe.B.SentPackets[1][1]);
        }

        [Fact]
        public void Authenticate_PeerNeverAnswers_GivesUpAfterMax()
        {
            var (pipe, client, server) = Make("isp", "secret");
            client.Configure(1000, 4);
            pipe.A.Drop = n => true;
            server.Configure(100000);
            server.Start(0); client.Start(0);
            pipe.Run(client, server, 10000);
            Assert.Equal(AuthResult.TimedOut, client.Result);
            Assert.Equal(4, client.RequestsSent);
            Assert.Equal(4000, pipe.Now);
            Assert.Equal(long.MaxValue, client.NextDeadlineMs);
        }

        [Fact]
        public void Server_NoRequestWithinWait_TimedOut()
        {
            var (pipe, client, server) = Make("isp", "secret");
            server.Configure(5000);
            server.Start(0);
            server.Poll(4999);
            Assert.Equal(AuthResult.Pending, server.Result);
            server.Poll(5000);
            Assert.Equal(AuthResult.TimedOut, server.Result);
        }

        [Fact]
        public void Client_AckWithStaleIdOrTruncated_Ignored()
        {
            var (pipe, client, _) = Make("isp", "secret");
            client.Start(0);
            client.Receive(0, new byte[] { 2, 9, 0, 5, 0 }, 0, 5);
            client.Receive(0, new byte[] { 2, 1, 0, 9, 0 }, 0, 5);
            Assert.Equal(AuthResult.Pending, client.Result);
            client.Receive(0, new byte[] { 2, 1, 0, 5, 0 }, 0, 5);
            Assert.Equal(AuthResult.Succeeded, client.Result);
        }

        [Fact]
        public void Server_MalformedRequest_Discarded()
        {
            var (pipe, _, server) = Make("isp", "secret");
            server.Start(0);
            // Peer-ID length runs past Length.
            server.Receive(0, new byte[] { 1, 1, 0, 8, 9, (byte)'i', (byte)'s', (byte)'p' }, 0, 8);
            Assert.Equal(AuthResult.Pending, server.Result);
            Assert.Empty(pipe.B.SentPackets);
        }
    }
}
