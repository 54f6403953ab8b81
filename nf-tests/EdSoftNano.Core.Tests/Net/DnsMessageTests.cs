using System;
using EdSoftNano.Net;
using Xunit;

namespace EdSoftNano.Tests.Net
{
    /// <summary>The DNS wire format of RFC 1035 4.1, byte-exact both ways, and its negative cases.</summary>
    public class DnsMessageTests
    {
        // RFC 1035 4.1.1-4.1.2: id 0x1234, RD, one question: example.com A IN.
        private const string QueryExampleCom = "1234 0100 0001 0000 0000 0000 076578616d706c6503636f6d00 0001 0001";

        // The answer to it: QR RD RA, RCODE 0, one A record 93.184.216.34 whose name points back to the question (4.1.4).
        private const string AnswerExampleCom = "1234 8180 0001 0001 0000 0000 076578616d706c6503636f6d00 0001 0001"
            + " c00c 0001 0001 00000e10 0004 5db8d822";

        // www.example.com: a CNAME whose RDATA points at "example.com" inside the question (0x10), then that name's A record.
        private const string CnameThenA = "abcd 8180 0001 0002 0000 0000 03777777076578616d706c6503636f6d00 0001 0001"
            + " c00c 0005 0001 0000003c 0002 c010"
            + " c010 0001 0001 0000003c 0004 0a000001";

        // NXDOMAIN (RCODE 3) with one authority record, which a stub resolver does not read.
        private const string NameError = "1234 8183 0001 0000 0001 0000 076578616d706c6503636f6d00 0001 0001"
            + " c014 0006 0001 00000384 0004 00000000";

        public static byte[] Hex(string text)
        {
            string digits = text.Replace(" ", string.Empty);
            return Convert.FromHexString(digits);
        }

        [Fact]
        public void EmitQuery_ExampleCom_WritesTheVectorAndNothingElse()
        {
            byte[] expected = Hex(QueryExampleCom);
            byte[] buffer = new byte[expected.Length + 10];
            Array.Fill(buffer, (byte)0xA5);
            Assert.Equal(expected.Length, DnsMessage.EmitQuery(buffer, 3, 0x1234, "example.com"));
            Assert.Equal(expected, buffer[3..(3 + expected.Length)]);
            Assert.All(buffer[..3], b => Assert.Equal(0xA5, b));
            Assert.All(buffer[(3 + expected.Length)..], b => Assert.Equal(0xA5, b));
        }

        [Fact]
        public void EmitQuery_TrailingDot_SameAsWithout()
        {
            byte[] a = new byte[DnsMessage.MaxQueryLength];
            byte[] b = new byte[DnsMessage.MaxQueryLength];
            int n = DnsMessage.EmitQuery(a, 0, 0x1234, "example.com.");
            Assert.Equal(DnsMessage.EmitQuery(b, 0, 0x1234, "example.com"), n);
            Assert.Equal(Hex(QueryExampleCom), a[..n]);
        }

        [Theory]
        [InlineData("")]
        [InlineData(".")]
        [InlineData(".example.com")]
        [InlineData("example..com")]
        [InlineData("exa mple.com")]
        [InlineData("exämple.com")]
        public void EmitQuery_BadName_ReturnsMinusOne(string name)
        {
            Assert.Equal(-1, DnsMessage.EmitQuery(new byte[DnsMessage.MaxQueryLength], 0, 1, name));
        }

        [Fact]
        public void EncodedNameLength_LabelAndNameLimits_AreRfc1035s()
        {
            string label63 = new string('a', 63);
            Assert.Equal(65, DnsMessage.EncodedNameLength(label63));
            Assert.Equal(-1, DnsMessage.EncodedNameLength(label63 + "a"));

            // 63 + 63 + 63 + 61 characters and three dots: 253 characters, 255 octets on the wire.
            string longest = label63 + "." + label63 + "." + label63 + "." + new string('b', 61);
            Assert.Equal(255, DnsMessage.EncodedNameLength(longest));
            Assert.Equal(255, DnsMessage.EncodedNameLength(longest + "."));
            Assert.Equal(-1, DnsMessage.EncodedNameLength(longest + "b"));
            Assert.Equal(DnsMessage.MaxQueryLength, DnsMessage.EmitQuery(new byte[DnsMessage.MaxQueryLength], 0, 1, longest));
        }

        [Fact]
        public void EmitQuery_BufferTooSmall_ReturnsMinusOneAndWritesNothing()
        {
            byte[] buffer = new byte[Hex(QueryExampleCom).Length - 1];
            Array.Fill(buffer, (byte)0xA5);
            Assert.Equal(-1, DnsMessage.EmitQuery(buffer, 0, 1, "example.com"));
            Assert.All(buffer, b => Assert.Equal(0xA5, b));
        }

        [Fact]
        public void TryParseReply_Answer_GivesIdAndAddress()
        {
            byte[] message = Hex(AnswerExampleCom);
            Assert.True(DnsMessage.TryParseReply(message, 0, message.Length, out DnsReply reply));
            Assert.Equal(0x1234, reply.Id);
            Assert.Equal(DnsMessage.ResponseOk, reply.ResponseCode);
            Assert.False(reply.Truncated);
            Assert.True(reply.HasAddress);
            Assert.Equal(0x5DB8D822u, reply.Address);
        }

        [Fact]
        public void TryParseReply_AtAnOffset_ReadsOnlyItsRange()
        {
            byte[] message = Hex(AnswerExampleCom);
            byte[] buffer = new byte[message.Length + 20];
            Array.Fill(buffer, (byte)0xA5);
            message.CopyTo(buffer, 7);
            Assert.True(DnsMessage.TryParseReply(buffer, 7, message.Length, out DnsReply reply));
            Assert.Equal(0x5DB8D822u, reply.Address);
        }

        [Fact]
        public void TryParseReply_CnameChain_TakesTheARecord()
        {
            byte[] message = Hex(CnameThenA);
            Assert.True(DnsMessage.TryParseReply(message, 0, message.Length, out DnsReply reply));
            Assert.Equal(0xABCD, reply.Id);
            Assert.True(reply.HasAddress);
            Assert.Equal(0x0A000001u, reply.Address);
        }

        [Fact]
        public void TryParseReply_NameError_HasCode3AndNoAddress()
        {
            byte[] message = Hex(NameError);
            Assert.True(DnsMessage.TryParseReply(message, 0, message.Length, out DnsReply reply));
            Assert.Equal(DnsMessage.ResponseNameError, reply.ResponseCode);
            Assert.False(reply.HasAddress);
        }

        [Fact]
        public void TryParseReply_EveryTruncation_IsRejectedWithoutThrowing()
        {
            foreach (string vector in new[] { AnswerExampleCom, CnameThenA })
            {
                byte[] message = Hex(vector);
                for (int count = 0; count < message.Length; count++)
                {
                    Assert.False(DnsMessage.TryParseReply(message, 0, count, out _), "accepted " + count + " of " + message.Length + " bytes");
                }
            }
        }

        [Fact]
        public void TryParseReply_TruncatedFlag_KeepsTheRecordsBeforeTheCut()
        {
            byte[] message = Hex(CnameThenA);
            message[2] |= 0x02; // TC
            Assert.True(DnsMessage.TryParseReply(message, 0, message.Length - 4, out DnsReply reply));
            Assert.True(reply.Truncated);
            Assert.False(reply.HasAddress);
        }

        [Fact]
        public void TryParseReply_AQuery_IsNotAReply()
        {
            byte[] message = Hex(QueryExampleCom);
            Assert.False(DnsMessage.TryParseReply(message, 0, message.Length, out _));
        }

        [Fact]
        public void TryParseReply_ReservedLabelType_IsRejected()
        {
            byte[] message = Hex(AnswerExampleCom);
            message[29] = 0x80; // the answer's name starts with label type 10 (RFC 1035 4.1.4 reserves it)
            Assert.False(DnsMessage.TryParseReply(message, 0, message.Length, out _));
        }

        [Fact]
        public void TryParseReply_RdataLengthPastTheEnd_IsRejected()
        {
            byte[] message = Hex(AnswerExampleCom);
            message[message.Length - 5] = 5; // RDLENGTH 5, four bytes follow
            Assert.False(DnsMessage.TryParseReply(message, 0, message.Length, out _));
        }
    }
}
