using System;
using System.Collections.Generic;
using EdSoftNano.Ppp;
using Xunit;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>IPCP option logic (RFC 1332 3, RFC 1877 1) as byte vectors; replies written into 0xA5-filled buffers.</summary>
    public class IpcpProtocolTests
    {
        private sealed class Capture : IPppPacketOutput
        {
            public readonly List<byte[]> Sent = new List<byte[]>();
            public void Send(int protocol, byte[] packet, int offset, int count)
            {
                Assert.Equal(PppProtocol.Ipcp, protocol);
                var b = new byte[count];
                Array.Copy(packet, offset, b, 0, count);
                Sent.Add(b);
            }
        }

        private static byte[] Hex(string s)
        {
            s = s.Replace(" ", "");
            var b = new byte[s.Length / 2];
            for (int i = 0; i < b.Length; i++) { b[i] = Convert.ToByte(s.Substring(2 * i, 2), 16); }
            return b;
        }

        private static (int Code, byte[] Reply) Judge(IpcpProtocol p, string options, bool rejectInsteadOfNak = false)
        {
            byte[] req = Hex(options);
            byte[] reply = new byte[64];
            for (int i = 0; i < reply.Length; i++) { reply[i] = 0xA5; }
            int code = p.JudgeRequest(req, 0, req.Length, reply, 4, 60, rejectInsteadOfNak, out int n);
            Assert.Equal(0xA5, reply[4 + n]);
            var r = new byte[n];
            Array.Copy(reply, 4, r, 0, n);
            return (code, r);
        }

        private static IpcpProtocol Client(uint hint = 0)
        {
            var p = new IpcpProtocol(new Capture(), new byte[256], new byte[256], null);
            p.ConfigureClient(hint);
            p.ResetOptions();
            return p;
        }

        private static IpcpProtocol Server()
        {
            var p = new IpcpProtocol(new Capture(), new byte[256], new byte[256], null);
            p.ConfigureServer(0x0A400001, 0x0A400002, 0x0A400035, 0);
            p.ResetOptions();
            return p;
        }

        [Fact]
        public void BuildRequest_Client_AsksAddressAndBothDns_AllZero()
        {
            var p = Client();
            byte[] buf = new byte[32];
            int n = p.BuildRequest(buf, 0, 32);
            Assert.Equal("03060000000081060000000083060000 0000".Replace(" ", ""), BitConverter.ToString(buf, 0, n).Replace("-", ""));
        }

        [Fact]
        public void BuildRequest_Server_AsksOwnAddressOnly()
        {
            var p = Server();
            byte[] buf = new byte[32];
            Assert.Equal(6, p.BuildRequest(buf, 0, 32));
            Assert.Equal(Hex("03060A400001"), buf[..6]);
        }

        [Fact]
        public void Nak_ThenAck_ClientTakesAddressAndDns()
        {
            var p = Client();
            byte[] buf = new byte[32];
            p.BuildRequest(buf, 0, 32);
            byte[] nak = Hex("03060A400002 81060A400035 83060A400036".Replace(" ", ""));
            Assert.True(p.NakReceived(nak, 0, nak.Length, false));
            int n = p.BuildRequest(buf, 0, 32);
            Assert.Equal(nak, buf[..n]);
            Assert.True(p.AckReceived(buf, 0, n));
            Assert.Equal(0x0A400002u, p.LocalAddress);
            Assert.Equal(0x0A400035u, p.Dns1);
            Assert.Equal(0x0A400036u, p.Dns2);
        }

        [Fact]
        public void RejectOfDns_StopsAskingForIt()
        {
            var p = Client();
            byte[] buf = new byte[32];
            p.BuildRequest(buf, 0, 32);
            byte[] rej = Hex("8306000000008106 00000000".Replace(" ", ""));
            Assert.True(p.NakReceived(rej, 0, rej.Length, true));
            int n = p.BuildRequest(buf, 0, 32);
            Assert.Equal(Hex("030600000000"), buf[..n]);
            Assert.True(p.AckReceived(buf, 0, n));
            Assert.Equal(0u, p.Dns1);
            Assert.Equal(0u, p.Dns2);
        }

        [Fact]
        public void AckOfOtherOptions_IsDiscarded()
        {
            var p = Client();
            byte[] buf = new byte[32];
            p.BuildRequest(buf, 0, 32);
            byte[] other = Hex("03060A400002");
            Assert.False(p.AckReceived(other, 0, other.Length));
        }

        [Fact]
        public void Malformed_Nak_IsDiscarded()
        {
            var p = Client();
            byte[] bad = Hex("0308000000");
            Assert.False(p.NakReceived(bad, 0, bad.Length, false));
        }

        [Fact]
        public void Judge_VjCompression_IsRejected_Alone()
        {
            // pppd's first IPCP request: <compress VJ 0f 01> <addr 10.64.0.1>
            var (code, reply) = Judge(Client(), "0206002D0F01 03060A400001".Replace(" ", ""));
            Assert.Equal(ControlCode.ConfigureReject, code);
            Assert.Equal(Hex("0206002D0F01"), reply);
        }

        [Fact]
        public void Judge_Client_PeerAddress_IsAcked_AndKept()
        {
            var p = Client();
            var (code, reply) = Judge(p, "03060A400001");
            Assert.Equal(ControlCode.ConfigureAck, code);
            Assert.Equal(Hex("03060A400001"), reply);
            Assert.Equal(0x0A400001u, p.PeerAddress);
        }

        [Fact]
        public void Judge_Client_PeerAsksZero_NakedWithHint_OrRejectedWithout()
        {
            // slirp asks for 0.0.0.0 as its own address (PEERS.md).
            var (code, reply) = Judge(Client(0x0A000202), "030600000000");
            Assert.Equal(ControlCode.ConfigureNak, code);
            Assert.Equal(Hex("03060A000202"), reply);

            (code, reply) = Judge(Client(), "030600000000");
            Assert.Equal(ControlCode.ConfigureReject, code);
            Assert.Equal(Hex("030600000000"), reply);
        }

        [Fact]
        public void Judge_Client_DnsAndNbnsRequests_AreRejected()
        {
            var (code, reply) = Judge(Client(), "03060A400001 810600000000 820600000000".Replace(" ", ""));
            Assert.Equal(ControlCode.ConfigureReject, code);
            Assert.Equal(Hex("810600000000820600000000"), reply);
        }

        [Fact]
        public void Judge_Server_NaksAddressAndDns_ToAssignedValues_RejectsUnservedSecondary()
        {
            var s = Server();
            var (code, reply) = Judge(s, "030600000000 810600000000".Replace(" ", ""));
            Assert.Equal(ControlCode.ConfigureNak, code);
            Assert.Equal(Hex("03060A400002 81060A400035".Replace(" ", "")), reply);

            (code, reply) = Judge(s, "030600000000 810600000000 830600000000".Replace(" ", ""));
            Assert.Equal(ControlCode.ConfigureReject, code);   // no secondary configured
            Assert.Equal(Hex("830600000000"), reply);

            (code, reply) = Judge(s, "03060A400002 81060A400035".Replace(" ", ""));
            Assert.Equal(ControlCode.ConfigureAck, code);
            Assert.Equal(0x0A400002u, s.PeerAddress);
            Assert.Equal(0x0A400035u, s.Dns1);
        }

        [Fact]
        public void Judge_NotConverging_NakTurnsIntoReject()
        {
            var (code, reply) = Judge(Server(), "030601020304", rejectInsteadOfNak: true);
            Assert.Equal(ControlCode.ConfigureReject, code);
            Assert.Equal(Hex("030601020304"), reply);
        }

        [Theory]
        [InlineData("0306000000")]      // option overruns the packet
        [InlineData("0301")]            // length below 2
        [InlineData("030500000000")]    // IP-Address of the wrong length
        public void Judge_Malformed_IsRejected(string options)
        {
            var (code, _) = Judge(Client(), options);
            Assert.Equal(ControlCode.ConfigureReject, code);
        }
    }
}
