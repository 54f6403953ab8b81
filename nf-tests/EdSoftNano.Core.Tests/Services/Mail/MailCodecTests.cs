using System.Text;
using EdSoftNano.Services.Mail;
using Xunit;

namespace EdSoftNano.Tests.Services.Mail
{
    /// <summary>The mail line reader, socket writer and body encoder, fed in chunks of 1..n bytes.</summary>
    public class MailCodecTests
    {
        private static string Lines(string incoming, int chunk, int bufferSize)
        {
            var stack = new ChunkedSocketStack(Encoding.Latin1.GetBytes(incoming), chunk);
            var reader = new MailLineReader(new byte[bufferSize]);
            var output = new StringBuilder();
            for (int guard = 0; guard < 100000; guard++)
            {
                int result = reader.Next(stack, 1);
                if (result == MailLineReader.Closed)
                {
                    return output.Append("<closed>").ToString();
                }

                if (result == MailLineReader.Line)
                {
                    output.Append(reader.LineStart ? "[" : "")
                        .Append(Encoding.Latin1.GetString(reader.Buffer, reader.LineOffset, reader.LineLength))
                        .Append(reader.LineComplete ? "]" : "");
                }
            }

            return output.ToString();
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(64)]
        public void LineReader_AnyChunking_SameLines_LongLineInPieces_CutLastLineStillOut(int chunk)
        {
            // Buffer of 8: "0123456789AB" comes in pieces; a CR before LF is never part of a line; bare LF ends a line too.
            Assert.Equal("[250-a][][0123456789AB][x\ry][bare][tail<closed>",
                Lines("250-a\r\n\r\n0123456789AB\r\nx\ry\r\nbare\ntail", chunk, 8));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(5)]
        public void SocketWriter_Base64Lines_Rfc4648Vectors(int chunk)
        {
            var stack = new ChunkedSocketStack(new byte[0], chunk);
            var writer = new MailSocketWriter(new byte[64]);
            foreach (string text in new[] { "", "f", "fo", "foo", "foob", "fooba", "foobar" })
            {
                writer.PutBase64Line(text);
                while (!writer.Empty)
                {
                    Assert.True(writer.Flush(stack, 1));
                }
            }

            Assert.Equal("\r\nZg==\r\nZm8=\r\nZm9v\r\nZm9vYg==\r\nZm9vYmE=\r\nZm9vYmFy\r\n", Encoding.ASCII.GetString(stack.Sent.ToArray()));
        }

        [Fact]
        public void BodyEncoder_HostBytes_StuffsLeadingDots_EndsAtCrLfDotCrLf_ByteAtATime()
        {
            // A "." after a bare LF is not at a line start: only CR LF . CR LF ends the body.
            string host = ".a\r\n..b\r\n.\rc\r\nd.\r\n\r\n.x\n.\r\n.\r\nAFTER";
            var encoder = new MailBodyEncoder();
            encoder.Reset();
            var writer = new MailSocketWriter(new byte[256]);
            var stack = new ChunkedSocketStack(new byte[0], 1000);
            int used = 0;
            while (used < host.Length && !encoder.PutHostByte((byte)host[used], writer))
            {
                used++;
            }

            writer.Flush(stack, 1);
            Assert.Equal(host.Length - "AFTER".Length - 1, used);
            Assert.Equal("..a\r\n...b\r\n..\rc\r\nd.\r\n\r\n..x\n.\r\n.\r\n", Encoding.ASCII.GetString(stack.Sent.ToArray()));
        }

        [Theory]
        [InlineData("text", "text\r\n.\r\n")]
        [InlineData("", ".\r\n")]
        [InlineData("a\rb\nc\r\n.d\r\n", "a\r\nb\r\nc\r\n..d\r\n.\r\n")]
        [InlineData(".\r..", "..\r\n...\r\n.\r\n")]
        public void BodyEncoder_StoredText_LineEndsToCrLf_DotsStuffed_EndLineAdded(string body, string wire)
        {
            var encoder = new MailBodyEncoder();
            encoder.Reset();
            var writer = new MailSocketWriter(new byte[512]);
            foreach (char c in body)
            {
                encoder.PutTextChar(c, writer);
            }

            encoder.End(writer);
            var stack = new ChunkedSocketStack(new byte[0], 1000);
            writer.Flush(stack, 1);
            Assert.Equal(wire, Encoding.ASCII.GetString(stack.Sent.ToArray()));
        }
    }
}
