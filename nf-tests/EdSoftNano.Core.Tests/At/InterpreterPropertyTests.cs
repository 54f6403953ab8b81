using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using EdSoftNano.Tests.Support;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.At
{
    /// <summary>Random input on the host UART: never a crash, exactly one final result per command line.</summary>
    public class InterpreterPropertyTests
    {
        private static readonly Regex FinalResult = new Regex(@"\r\n(OK|ERROR|NO CARRIER|CONNECT( \d+)?|#CME ERROR: \d+|\+CME ERROR: \d+)\r\n");

        private static readonly Gen<string> Token = Gen.OneOfConst(
            "#", "=", "?", "\"", ",", "1", "2", "0", "9", "65536", " ", "x", ".", "@", "*", "+", "&",
            "PPPMODE", "VPHY", "VTCP", "TCPPORT", "DLEMODE", "REC1", "VALL", "VMAIL2", "FOO", "DELFLASH", "OTCP",
            "VSTATE", "BODY2", "ADD", "CCREC3", "FTPTYPE", "+CSQ", "+CREG?", "+CGATT=1", "E", "V", "Q", "I", "AT", "at");

        /// <summary>Content after "AT": anything but CR, LF, backspace (they shape lines, tested elsewhere).</summary>
        private static readonly Gen<string> Content = Token.Array[0, 14].Select(t => string.Concat(t));

        [Fact]
        public void RandomCommandLines_EachGetsExactlyOneFinalResult()
        {
            Content.Array[1, 40].Sample(contents =>
            {
                var device = new DeviceHarness();
                var input = new StringBuilder();
                int lines = 0;
                // ATD/ATA start a data call on the modem: the UART then carries data, not commands.
                foreach (string content in contents.Where(c => !OpensTextEntry(c) && !IsOnlyEvq(c) && !StartsCall(c)))
                {
                    input.Append("AT").Append(content).Append('\r');
                    lines++;
                }

                string output = device.Send(input.ToString());
                Assert.Equal(lines, FinalResult.Matches(output).Count);
            }, iter: 300);
        }

        [Fact]
        public void RandomBytes_NeverCrashAndTheInterpreterRecovers()
        {
            Gen.Byte.Array[0, 3000].Sample(bytes =>
            {
                var device = new DeviceHarness();
                device.Host.MaxReadChunk = 1 + bytes.Length % 17;
                device.Host.Send(bytes);
                device.RunUntilIdle();
                device.Send("\x1b\rATE0V1\r");
                Assert.Equal(Block("#STATE: \"IDLE\""), device.Send("AT#VSTATE\r"));
            }, iter: 300);
        }

        /// <summary>"AT#BODYi", "AT#RECiADD" and "AT#CCRECiADD" wait for text, not for a result.</summary>
        private static bool OpensTextEntry(string content)
        {
            if (!content.StartsWith("#"))
            {
                return false;
            }

            int end = 1;
            while (end < content.Length && (char.IsAsciiLetterOrDigit(content[end]) || content[end] == ' '))
            {
                end++;
            }

            string name = content.Substring(1, end - 1).Replace(" ", "").ToUpperInvariant();
            bool entry = Regex.IsMatch(name, "^(BODY[123]|(CC)?REC[123]ADD)$");
            return entry && end == content.Length;
        }

        private static bool StartsCall(string content) => content.Length > 0 && "DdAa".IndexOf(content[0]) >= 0;

        private static bool IsOnlyEvq(string content) => Regex.IsMatch(content, "^([EVQevq][0-9]?)+$");
    }
}
