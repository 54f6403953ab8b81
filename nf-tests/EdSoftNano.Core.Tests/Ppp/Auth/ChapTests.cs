using System;
using System.Text;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using Xunit;

namespace EdSoftNano.Tests.Ppp.Auth
{
    public class ChapTests
    {
        private static (AuthPipe, ChapClient, ChapServer) Make(string name, string secret, uint seed = 1)
        {
            var pipe = new AuthPipe();
            var client = new ChapClient(pipe.A, new byte[AuthCodec.TxBufferLength], null);
            var server = new ChapServer(pipe.B, new byte[AuthCodec.TxBufferLength], null, seed);
            client.SetCredentials(name, secret);
            server.SetCredentials("isp", "secret");
            return (pipe, client, server);
        }

        private static byte[] Expected(int id, string secret, byte[] challenge)
        {
            byte[] s = Encoding.ASCII.GetBytes(secret);
            var input = new byte[1 + s.Length + challenge.Length];
            input[0] = (byte)id;
            Array.Copy(s, 0, input, 1, s.Length);
            Array.Copy(challenge, 0, input, 1 + s.Length, challenge.Length);
            return System.Security.Cryptography.MD5.HashData(input);
        }

        [Fact]
        public void Response_ToHandMadeChallenge_IsMd5OfIdSecretChallengeAndName()
        {
            var pipe = new AuthPipe();
            var client = new ChapClient(pipe.A, new byte[AuthCodec.TxBufferLength], new Md5());
            client.SetCredentials("user", "pass");
            client.Start(0);
            byte[] challenge = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
            // Code 1, Id 0x2A, Length 4+1+8+3, Value-Size 8, Value, Name "srv" (RFC 1994 4.1).
            var pkt = new byte[] { 1, 0x2A, 0, 16, 8, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte)'s', (byte)'r', (byte)'v' };
            client.Receive(0, pkt, 0, pkt.Length);

            byte[] md5 = Expected(0x2A, "pass", challenge);
            var want = new byte[4 + 1 + 16 + 4];
            want[0] = 2; want[1] = 0x2A; want[2] = 0; want[3] = (byte)want.Length; want[4] = 16;
            Array.Copy(md5, 0, want, 5, 16);
            Array.Copy(Encoding.ASCII.GetBytes("user"), 0, want, 21, 4);
            Assert.Single(pipe.A.SentPackets);
            Assert.Equal(want, pipe.A.SentPackets[0]);
            Assert.Equal(PppProtocol.Chap, pipe.A.LastProtocol);
        }

        [Fact]
        public void ComputeResponse_FixedVector_MatchesSystemMd5()
        {
            byte[] secret = Encoding.ASCII.GetBytes("secret");
            var challenge = new byte[16];
            for (int i = 0; i < 16; i++) { challenge[i] = (byte)(0xF0 + i); }
            var digest = new byte[16];
            ChapClient.ComputeResponse(new Md5(), 7, secret, 0, secret.Length, challenge, 0, 16, digest, 0);
            Assert.Equal(Expected(7, "secret", challenge), digest);
        }

        [Fact]
        public void Authenticate_RightSecret_BothSucceed()
        {
            var (pipe, client, server) = Make("isp", "secret");
            client.Start(0); server.Start(0);
            pipe.Run(client, server, 60000);
            Assert.Equal(AuthResult.Succeeded, client.Result);
            Assert.Equal(AuthResult.Succeeded, server.Result);
            Assert.Equal(AuthCodec.ChapSuccess, pipe.B.SentPackets[1][0]);
        }

        [Fact]
        public void Challenge_Emitted_SixteenOctetsAndOurName()
        {
            var (pipe, _, server) = Make("isp", "secret");
            server.SetLocalName("nas");
            server.Start(0);
            byte[] c = pipe.B.SentPackets[0];
            Assert.Equal(new byte[] { 1, 1, 0, 24, 16 }, c[0..5]);
            var value = new byte[16];
            server.CopyChallenge(value, 0);
            Assert.Equal(value, c[5..21]);
            Assert.Equal("nas", Encoding.ASCII.GetString(c, 21, 3));
        }

        [Fact]
        public void Challenge_DifferentSeedsOrTimes_DifferentValues()
        {
            var (_, _, s1) = Make("isp", "secret", 1);
            var (_, _, s2) = Make("isp", "secret", 2);
            s1.Start(0); s2.Start(0);
            var v1 = new byte[16]; var v2 = new byte[16];
            s1.CopyChallenge(v1, 0); s2.CopyChallenge(v2, 0);
            Assert.NotEqual(v1, v2);
            s1.Start(12345);
            s1.CopyChallenge(v2, 0);
            Assert.NotEqual(v1, v2);
        }

        [Fact]
        public void Authenticate_WrongSecret_BothFail()
        {
            var (pipe, client, server) = Make("isp", "wrong");
            client.Start(0); server.Start(0);
            pipe.Run(client, server, 60000);
            Assert.Equal(AuthResult.Rejected, client.Result);
            Assert.Equal(AuthResult.Rejected, server.Result);
            Assert.Equal(AuthCodec.ChapFailure, pipe.B.SentPackets[1][0]);
        }

        [Fact]
        public void Authenticate_WrongName_Rejected()
        {
            var (pipe, client, server) = Make("other", "secret");
            client.Start(0); server.Start(0);
            pipe.Run(client, server, 60000);
            Assert.Equal(AuthResult.Rejected, server.Result);
        }

        [Fact]
        public void Authenticate_ChallengesLost_RechallengesWithNewIdAndValue()
        {
            var (pipe, client, server) = Make("isp", "secret");
            server.Configure(1000, 5);
            pipe.B.Drop = n => n <= 2;
            client.Start(0); server.Start(0);
            pipe.Run(client, server, 60000);
            Assert.Equal(AuthResult.Succeeded, server.Result);
            Assert.Equal(AuthResult.Succeeded, client.Result);
            Assert.Equal(3, server.ChallengesSent);
            Assert.Equal(2000, pipe.Now);
            Assert.NotEqual(pipe.B.SentPackets[0][1], pipe.B.SentPackets[1][1]);
            Assert.NotEqual(pipe.B.SentPackets[0][5..21], pipe.B.SentPackets[1][5..21]);
        }

        [Fact]
        public void Authenticate_SuccessLost_RepeatedResponseGetsSuccessAgain()
        {
            var (pipe, client, server) = Make("isp", "secret");
            server.Configure(1000, 5);
            pipe.B.Drop = n => n == 2;   // Challenge delivered, Success lost
            client.Start(0); server.Start(0);
            pipe.Run(client, server, 3000);
            Assert.Equal(AuthResult.Succeeded, server.Result);
            Assert.Equal(AuthResult.Pending, client.Result);
            // The client repeats its Response (here: the peer's retransmitted Challenge is simulated by re-sending it).
            byte[] response = pipe.A.SentPackets[0];
            server.Receive(pipe.Now, response, 0, response.Length);
            byte[] again = pipe.B.InFlight.Dequeue();
            Assert.Equal(AuthCodec.ChapSuccess, again[0]);
            client.Receive(pipe.Now, again, 0, again.Length);
            Assert.Equal(AuthResult.Succeeded, client.Result);
        }

        [Fact]
        public void Authenticate_PeerNeverAnswers_ServerGivesUpAfterMax()
        {
            var (pipe, client, server) = Make("isp", "secret");
            server.Configure(1000, 3);
            client.Configure(100000);
            pipe.B.Drop = n => true;
            client.Start(0); server.Start(0);
            pipe.Run(client, server, 10000);
            Assert.Equal(AuthResult.TimedOut, server.Result);
            Assert.Equal(3, server.ChallengesSent);
            Assert.Equal(3000, pipe.Now);
        }

        [Fact]
        public void Client_NoVerdictWithinWait_TimedOut()
        {
            var (_, client, _) = Make("isp", "secret");
            client.Configure(5000);
            client.Start(100);
            client.Poll(5099);
            Assert.Equal(AuthResult.Pending, client.Result);
            client.Poll(5100);
            Assert.Equal(AuthResult.TimedOut, client.Result);
        }

        [Fact]
        public void Client_RechallengeAfterSuccess_AnsweredAndFailureThenRejects()
        {
            var (pipe, client, server) = Make("isp", "secret");
            client.Start(0); server.Start(0);
            pipe.Run(client, server, 60000);
            Assert.True(client.Succeeded);
            var pkt = new byte[] { 1, 0x77, 0, 9, 4, 1, 2, 3, 4 };
            client.Receive(1, pkt, 0, pkt.Length);
            Assert.Equal(0x77, pipe.A.SentPackets[pipe.A.SentPackets.Count - 1][1]);
            Assert.True(client.Succeeded);
            client.Receive(2, new byte[] { 4, 0x76, 0, 4 }, 0, 4);   // stale id
            Assert.True(client.Succeeded);
            client.Receive(2, new byte[] { 4, 0x77, 0, 4 }, 0, 4);
            Assert.Equal(AuthResult.Rejected, client.Result);
        }

        [Fact]
        public void Client_MalformedChallenge_NotAnswered()
        {
            var (pipe, client, _) = Make("isp", "secret");
            client.Start(0);
            client.Receive(0, new byte[] { 1, 1, 0, 9, 16, 1, 2, 3, 4 }, 0, 9);   // Value-Size past Length
            client.Receive(0, new byte[] { 1, 1, 0, 5, 0 }, 0, 5);               // empty value
            Assert.Empty(pipe.A.SentPackets);
        }
    

        [Fact]
        public void Rechallenge_AfterSuccess_StaysSucceededWithRightAnswer()
        {
            var (pipe, client, server) = Make("isp", "secret");
            client.Start(0); server.Start(0);
            pipe.Run(client, server, 60000);
            int firstId = server.ChallengeId;
            server.Rechallenge(pipe.Now);
            Assert.True(server.Succeeded);
            Assert.NotEqual(firstId, server.ChallengeId);
            pipe.Run(client, server, 60000);
            while (pipe.A.InFlight.Count + pipe.B.InFlight.Count > 0) { pipe.Run(client, server, 60000); }
            Assert.True(server.Succeeded);
            Assert.True(client.Succeeded);
            Assert.Equal(2, client.ResponsesSent);
            Assert.Equal(long.MaxValue, server.NextDeadlineMs);
        }

        [Fact]
        public void Rechallenge_WrongAnswer_RejectedOnBothSides()
        {
            var (pipe, client, server) = Make("isp", "secret");
            client.Start(0); server.Start(0);
            pipe.Run(client, server, 60000);
            client.SetCredentials("isp", "changed");
            server.Rechallenge(pipe.Now);
            byte[] c = pipe.B.InFlight.Dequeue(); client.Receive(pipe.Now, c, 0, c.Length);
            byte[] r = pipe.A.InFlight.Dequeue(); server.Receive(pipe.Now, r, 0, r.Length);
            byte[] f = pipe.B.InFlight.Dequeue(); client.Receive(pipe.Now, f, 0, f.Length);
            Assert.Equal(AuthResult.Rejected, server.Result);
            Assert.Equal(AuthResult.Rejected, client.Result);
        }

        [Fact]
        public void Rechallenge_PeerSilent_TimedOutAfterMax()
        {
            var (pipe, client, server) = Make("isp", "secret");
            server.Configure(1000, 2);
            client.Start(0); server.Start(0);
            pipe.Run(client, server, 60000);
            server.Rechallenge(10000);
            Assert.True(server.Succeeded);
            server.Poll(11000);
            Assert.True(server.Succeeded);
            server.Poll(12000);
            Assert.Equal(AuthResult.TimedOut, server.Result);
        }
    }
}
