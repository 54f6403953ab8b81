using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Xunit;
using static EdSoftNano.Tests.Support.DeviceHarness;

namespace EdSoftNano.Tests.Modem
{
    /// <summary>
    /// Random hostile modem output (noise bytes, URCs, over-long lines, answers that are wrong, late
    /// or missing) interleaved with host command lines: the firmware never hangs, every host line gets
    /// exactly one final result, and afterwards it is idle and answers the next command exactly.
    /// </summary>
    public class ModemPropertyTests
    {
        /// <summary>A final result line; noise inside a "+CME ERROR: 3" leaves it final (relayed verbatim).</summary>
        private static readonly Regex FinalResult = new Regex(
            @"\r\n(OK|ERROR|NO CARRIER|BUSY|NO ANSWER|CONNECT( \d+)?|#CME ERROR: \d+|\+CM[ES] ERROR:[^\r\n]*)\r\n");

        /// <summary>Marks where one host line's output ends in a failure message (matches no result).</summary>
        private const string Sep = "|";

        private static readonly string[] PlainCommands = { "AT+CSQ", "AT+CGMI", "AT+CPBR=1", "AT+COPS?", "ATI" };

        private static readonly string[] HashCommands = { "AT#VSTATE", "AT#PPPMODE?", "AT#PPPMODE=1", "AT#VPHY" };

        private static readonly string[] Answers =
        {
            "\r\n+CSQ: 9,0\r\n\r\nOK\r\n", "\r\nERROR\r\n", "\r\n+CME ERROR: 3\r\n", null, "\r\nOK\r\n", "\r\n+CMS ERROR: 500\r\n",
            "\r\nWAVECOM MODEM\r\n\r\nOK\r\n",
        };

        private static readonly Gen<string> Noise = Gen.OneOf(
            Gen.OneOfConst("", "\x00", "\xFF", "\r", "\n", "\r\n", " ", "\r\n+CREG: 1\r\n", "\r\n+CREG: 0\r\n", "\r\n+CGREG: 0\r\n",
                "\r\nRING\r\n", "\r\n+CRING: VOICE\r\n", "\r\n+CLIP: \"0612345678\",129\r\n", "\r\n+CMTI: \"SM\",1\r\n"),
            Gen.Byte[0x80, 0xFE].Array[1, 6].Select(b => Encoding.Latin1.GetString(b)),
            // Over-long text lines (a final result is never this long, so they stand on their own).
            Gen.Int[100, 400].Select(n => "\r\n" + new string('x', n) + "\r\n"));

        /// <summary>Between commands also a long run without a line end, ended by the driver's line idle time.</summary>
        private static readonly Gen<string> IdleNoise = Gen.OneOf(Noise, Gen.Int[100, 400].Select(n => new string('y', n) + "\x00"));

        /// <summary>One host line and what the modem does about it.</summary>
        private static readonly Gen<Op> Ops = Gen.Select(Gen.Int[0, 99], Gen.Int[0, Answers.Length - 1], Gen.Int[0, 40000],
            Noise, Gen.Int[0, 100], IdleNoise,
            (command, answer, delay, noise, at, idleNoise) => new Op(command, answer, delay, noise, at, idleNoise));

        [Fact]
        public void RandomModemOutput_EveryHostLineGetsExactlyOneFinalResult()
        {
            Ops.Array[1, 10].Sample(ops =>
            {
                var rig = new ModemRig();
                var output = new StringBuilder();
                foreach (Op op in ops)
                {
                    rig.Modem.Emit(op.IdleNoise);
                    string line = op.Line;
                    if (line.StartsWith("AT#"))
                    {
                        output.Append(rig.Send(line + "\r", 50)).Append(Sep);
                        continue;
                    }

                    string answer = Answers[op.Answer];
                    string noisy = answer == null ? op.Noise : answer.Insert(answer.Length * op.NoiseAt / 100, op.Noise);
                    // Most answers come at once, some after up to 40 s: after the 30 s timeout.
                    int delay = op.Delay < 30000 ? op.Delay % 300 : op.Delay;
                    rig.Modem.Once(line, noisy, delay);
                    output.Append(rig.Send(line + "\r", 50)).Append(Sep);
                }

                // Let every late answer arrive: none of them may add a final result.
                output.Append(rig.Wait(60000, 50));
                int finals = FinalResult.Matches(output.ToString()).Count;
                Assert.True(ops.Length == finals, $"{finals} final results for {ops.Length} lines in: "
                    + Regex.Replace(output.ToString(), @"[^\x20-\x7E]", c => $"<{(int)c.Value[0]:X2}>")
                    + " commands: " + string.Join(" | ", rig.Modem.Commands));
                Assert.False(rig.Firmware.Interpreter.Busy);
                // Noise may have said "+CREG: 0" last: registered again, the session is plain IDLE.
                rig.Modem.Emit("\r\n+CREG: 1\r\n");
                Assert.Equal(Block("#STATE: \"IDLE\""), rig.Send("AT#VSTATE\r"));
                // A command of no op: an answer a dead moment kept from going out stays queued for its own line.
                rig.Modem.Once("AT+CGSN", "\r\n350000000000001\r\n\r\nOK\r\n");
                Assert.Equal("\r\n350000000000001\r\n\r\nOK\r\n", rig.Send("AT+CGSN\r"));
            }, iter: 150);
        }

        [Fact]
        public void RandomBytes_FromTheModem_NeverHangAndTheNextCommandWorks()
        {
            Gen.Byte.Array[0, 2000].Sample(bytes =>
            {
                var rig = new ModemRig();
                rig.Modem.MaxReadChunk = 1 + bytes.Length % 13;
                rig.Modem.Once("AT+CSQ", Encoding.Latin1.GetString(bytes));
                rig.Send("AT+CSQ\r", 50);
                rig.Modem.Emit(bytes);
                rig.Wait(40000, 50);
                Assert.False(rig.Firmware.Interpreter.Busy);
                rig.Modem.Once("AT+CGMI", "\r\nWAVECOM MODEM\r\n\r\nOK\r\n");
                Assert.Equal("\r\nWAVECOM MODEM\r\n\r\nOK\r\n", rig.Send("AT+CGMI\r"));
            }, iter: 150);
        }

        public sealed class Op
        {
            public Op(int command, int answer, int delay, string noise, int noiseAt, string idleNoise)
            {
                Command = command;
                Answer = answer;
                Delay = delay;
                Noise = noise;
                NoiseAt = noiseAt;
                IdleNoise = idleNoise;
            }

            public int Command { get; }
            public int Answer { get; }
            public int Delay { get; }
            public string Noise { get; }
            public int NoiseAt { get; }
            public string IdleNoise { get; }

            /// <summary>One line in five is an AT# command the firmware answers itself.</summary>
            public string Line => Command < 20 ? HashCommands[Command % HashCommands.Length] : PlainCommands[Command % PlainCommands.Length];

            public override string ToString() => $"{Line} answer {Answer} delay {Delay} noise {Show(Noise)}@{NoiseAt} idle {Show(IdleNoise)}";

            private static string Show(string text) => text.Length > 20 ? text.Length + " bytes"
                : Regex.Replace(text, @"[^\x20-\x7E]", c => $"<{(int)c.Value[0]:X2}>");
        }
    }
}
