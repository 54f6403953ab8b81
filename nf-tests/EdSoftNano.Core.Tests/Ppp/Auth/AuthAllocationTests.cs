using System;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using Xunit;

namespace EdSoftNano.Tests.Ppp.Auth
{
    /// <summary>After construction, no packet, hash or timer call allocates.</summary>
    public class AuthAllocationTests
    {
        private sealed class Loop : IPppPacketOutput
        {
            public PppAuthenticator To;
            public void Send(int protocol, byte[] packet, int offset, int count) { To.Receive(0, protocol, packet, offset, count); }
        }

        [Fact]
        public void ChapAndPapRoundTrips_AfterWarmUp_AllocateNothing()
        {
            var toB = new Loop(); var toA = new Loop();
            var a = new PppAuthenticator(toB, new byte[AuthCodec.TxBufferLength], 1);
            var b = new PppAuthenticator(toA, new byte[AuthCodec.TxBufferLength], 2);
            toB.To = b; toA.To = a;
            a.SetServerCredentials("u", "p"); b.SetClientCredentials("u", "p");
            b.SetServerCredentials("v", "q"); a.SetClientCredentials("v", "q");
            var md5 = new Md5();
            var data = new byte[300];
            var digest = new byte[16];

            void Round()
            {
                b.Start(0, PppProtocol.Chap, PppProtocol.Pap);
                a.Start(0, PppProtocol.Pap, PppProtocol.Chap);
                a.Poll(3000); b.Poll(3000);
                md5.Update(data, 0, data.Length); md5.Update(1); md5.Final(digest, 0);
            }

            Round();
            Assert.True(a.Succeeded && b.Succeeded);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 50; i++) { Round(); }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.True(a.Succeeded && b.Succeeded);
        }
    }
}
