using System;
using System.Collections.Generic;
using EdSoftNano.Ppp;
using Xunit;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>The automaton against the RFC 1661 4.1 state transition table, cell by cell.</summary>
    public class FsmTableTests
    {
        // RFC 1661 4.1, states 0-9 left to right; "-" is an illegal event (ignored, no action).
        // The 'r' (restart) footnote options are not taken: Open in Stopped/Closing/Stopping/Opened keeps the state.
        private static readonly Dictionary<PppEvent, string[]> Table = new Dictionary<PppEvent, string[]>
        {
            [PppEvent.Up] = new[] { "/2", "irc,scr/6", "-", "-", "-", "-", "-", "-", "-", "-" },
            [PppEvent.Down] = new[] { "-", "-", "/0", "tls/1", "/0", "/1", "/1", "/1", "/1", "tld/1" },
            [PppEvent.Open] = new[] { "tls/1", "/1", "irc,scr/6", "/3", "/5", "/5", "/6", "/7", "/8", "/9" },
            [PppEvent.Close] = new[] { "/0", "tlf/0", "/2", "/2", "/4", "/4", "irc,str/4", "irc,str/4", "irc,str/4", "tld,irc,str/4" },
            [PppEvent.TimeoutRetry] = new[] { "-", "-", "-", "-", "str/4", "str/5", "scr/6", "scr/6", "scr/8", "-" },
            [PppEvent.TimeoutGiveUp] = new[] { "-", "-", "-", "-", "tlf/2", "tlf/3", "tlf/3", "tlf/3", "tlf/3", "-" },
            [PppEvent.ConfigureRequestGood] = new[] { "-", "-", "sta/2", "irc,scr,sca/8", "/4", "/5", "sca/8", "sca,tlu/9", "sca/8", "tld,scr,sca/8" },
            [PppEvent.ConfigureRequestBad] = new[] { "-", "-", "sta/2", "irc,scr,scn/6", "/4", "/5", "scn/6", "scn/7", "scn/6", "tld,scr,scn/6" },
            [PppEvent.ConfigureAck] = new[] { "-", "-", "sta/2", "sta/3", "/4", "/5", "irc/7", "scr/6", "irc,tlu/9", "tld,scr/6" },
            [PppEvent.ConfigureNak] = new[] { "-", "-", "sta/2", "sta/3", "/4", "/5", "irc,scr/6", "scr/6", "irc,scr/8", "tld,scr/6" },
            [PppEvent.TerminateRequest] = new[] { "-", "-", "sta/2", "sta/3", "sta/4", "sta/5", "sta/6", "sta/6", "sta/6", "tld,zrc,sta/5" },
            [PppEvent.TerminateAck] = new[] { "-", "-", "/2", "/3", "tlf/2", "tlf/3", "/6", "/6", "/8", "tld,scr/6" },
            [PppEvent.UnknownCode] = new[] { "-", "-", "scj/2", "scj/3", "scj/4", "scj/5", "scj/6", "scj/7", "scj/8", "scj/9" },
            [PppEvent.RejectPermitted] = new[] { "-", "-", "/2", "/3", "/4", "/5", "/6", "/6", "/8", "/9" },
            [PppEvent.RejectCatastrophic] = new[] { "-", "-", "tlf/2", "tlf/3", "tlf/2", "tlf/3", "tlf/3", "tlf/3", "tlf/3", "tld,irc,str/5" },
            [PppEvent.EchoOrDiscard] = new[] { "-", "-", "/2", "/3", "/4", "/5", "/6", "/7", "/8", "ser/9" },
        };

        // How to reach each state from Initial.
        private static readonly PppEvent[][] Paths =
        {
            new PppEvent[0],
            new[] { PppEvent.Open },
            new[] { PppEvent.Up },
            new[] { PppEvent.Up, PppEvent.Open, PppEvent.RejectCatastrophic },
            new[] { PppEvent.Up, PppEvent.Open, PppEvent.Close },
            new[] { PppEvent.Up, PppEvent.Open, PppEvent.ConfigureAck, PppEvent.ConfigureRequestGood, PppEvent.TerminateRequest },
            new[] { PppEvent.Up, PppEvent.Open },
            new[] { PppEvent.Up, PppEvent.Open, PppEvent.ConfigureAck },
            new[] { PppEvent.Up, PppEvent.Open, PppEvent.ConfigureRequestGood },
            new[] { PppEvent.Up, PppEvent.Open, PppEvent.ConfigureAck, PppEvent.ConfigureRequestGood },
        };

        public static IEnumerable<object[]> Cells()
        {
            foreach (PppEvent e in Table.Keys)
            {
                for (int s = 0; s < 10; s++)
                {
                    yield return new object[] { (PppState)s, e };
                }
            }
        }

        [Theory]
        [MemberData(nameof(Cells))]
        public void Apply_EveryStateAndEvent_FollowsRfc1661Table(PppState state, PppEvent e)
        {
            var fsm = NewFsm(out StubProtocol stub, out PacketLog log);
            foreach (PppEvent step in Paths[(int)state])
            {
                fsm.Apply(step);
            }

            Assert.Equal(state, fsm.State);
            stub.Calls.Clear();
            log.Codes.Clear();
            fsm.Apply(e);

            string cell = Table[e][(int)state];
            int expectedActions = 0;
            PppState expectedState = state;
            if (cell != "-")
            {
                int slash = cell.IndexOf('/');
                expectedState = (PppState)int.Parse(cell.Substring(slash + 1));
                foreach (string a in cell.Substring(0, slash).Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    expectedActions |= ActionBit(a);
                }
            }

            Assert.Equal(expectedState, fsm.State);
            Assert.Equal(Describe(expectedActions), Describe(fsm.LastActions));

            // The packets sent agree with the send actions.
            Assert.Equal(Count(expectedActions, "scr") + Count(expectedActions, "sca") + Count(expectedActions, "scn")
                + Count(expectedActions, "str") + Count(expectedActions, "sta") + Count(expectedActions, "scj"), log.Codes.Count);
        }

        [Fact]
        public void Poll_RequestsUnanswered_RetransmitsMaxConfigureTimesThenStops()
        {
            var fsm = NewFsm(out StubProtocol stub, out PacketLog log);
            fsm.Up(0);
            fsm.Open(0);
            long now = 0;
            while (fsm.TimerRunning && now < 100000)
            {
                now = fsm.NextDeadlineMs;
                fsm.Poll(now - 1);
                Assert.True(fsm.TimerRunning);
                fsm.Poll(now);
            }

            Assert.Equal(ControlProtocolFsm.DefaultMaxConfigure, log.Codes.FindAll(c => c == ControlCode.ConfigureRequest).Count);
            Assert.Equal(PppState.Stopped, fsm.State);
            Assert.Equal(ControlProtocolFsm.DefaultMaxConfigure * ControlProtocolFsm.DefaultRestartMs, now);
            Assert.Contains("finished", stub.Calls);
        }

        [Fact]
        public void Poll_TerminateUnanswered_SendsMaxTerminateThenClosed()
        {
            var fsm = NewFsm(out StubProtocol stub, out PacketLog log);
            fsm.Up(0);
            fsm.Open(0);
            fsm.Close(10);
            long now = 10;
            while (fsm.TimerRunning)
            {
                now = fsm.NextDeadlineMs;
                fsm.Poll(now);
            }

            Assert.Equal(ControlProtocolFsm.DefaultMaxTerminate, log.Codes.FindAll(c => c == ControlCode.TerminateRequest).Count);
            Assert.Equal(PppState.Closed, fsm.State);
        }

        [Fact]
        public void Receive_TruncatedOrBadLength_IsIgnored()
        {
            var fsm = NewFsm(out _, out PacketLog log);
            fsm.Up(0);
            fsm.Open(0);
            log.Codes.Clear();
            fsm.Receive(0, new byte[] { 1, 1, 0 }, 0, 3);
            fsm.Receive(0, new byte[] { 1, 1, 0, 9, 0 }, 0, 5);
            fsm.Receive(0, new byte[] { 1, 1, 0, 3 }, 0, 4);
            Assert.Empty(log.Codes);
            Assert.Equal(PppState.ReqSent, fsm.State);
        }

        [Fact]
        public void Receive_AckWithWrongId_IsDiscarded()
        {
            var fsm = NewFsm(out _, out _);
            fsm.Up(0);
            fsm.Open(0);
            fsm.Receive(0, new byte[] { 2, (byte)(fsm.ConfigureId + 1), 0, 4 }, 0, 4);
            Assert.Equal(PppState.ReqSent, fsm.State);
            fsm.Receive(0, new byte[] { 2, (byte)fsm.ConfigureId, 0, 4 }, 0, 4);
            Assert.Equal(PppState.AckRcvd, fsm.State);
        }

        [Fact]
        public void Receive_UnknownCode_SendsCodeRejectWithThePacket()
        {
            var fsm = NewFsm(out _, out PacketLog log);
            fsm.Up(0);
            fsm.Open(0);
            log.Codes.Clear();
            fsm.Receive(0, new byte[] { 0x33, 7, 0, 6, 0xAB, 0xCD, 0xEE }, 0, 7);
            Assert.Equal(new[] { (int)ControlCode.CodeReject }, log.Codes.ToArray());
            // RFC 1661 5.6: the rejected packet, as far as its own Length field says, after the header.
            Assert.Equal("000A3307000 6ABCD".Replace(" ", ""), Convert.ToHexString(log.Last, 2, 8));
        }

        internal static ControlProtocolFsm NewFsm(out StubProtocol stub, out PacketLog log)
        {
            stub = new StubProtocol();
            log = new PacketLog();
            return new ControlProtocolFsm(PppProtocol.Lcp, stub, log, new byte[1500], new byte[1500]);
        }

        private static int ActionBit(string a)
        {
            switch (a)
            {
                case "tlu": return PppActions.Tlu;
                case "tld": return PppActions.Tld;
                case "tls": return PppActions.Tls;
                case "tlf": return PppActions.Tlf;
                case "irc": return PppActions.Irc;
                case "zrc": return PppActions.Zrc;
                case "scr": return PppActions.Scr;
                case "sca": return PppActions.Sca;
                case "scn": return PppActions.Scn;
                case "str": return PppActions.Str;
                case "sta": return PppActions.Sta;
                case "scj": return PppActions.Scj;
                case "ser": return PppActions.Ser;
                default: throw new ArgumentException(a);
            }
        }

        private static int Count(int actions, string a)
        {
            return (actions & ActionBit(a)) != 0 ? 1 : 0;
        }

        private static string Describe(int actions)
        {
            var names = new List<string>();
            foreach (string a in new[] { "tlu", "tld", "tls", "tlf", "irc", "zrc", "scr", "sca", "scn", "str", "sta", "scj", "ser" })
            {
                if ((actions & ActionBit(a)) != 0) { names.Add(a); }
            }

            return string.Join(",", names);
        }

        internal sealed class StubProtocol : IControlProtocol
        {
            public readonly List<string> Calls = new List<string>();
            public int Verdict = ControlCode.ConfigureAck;

            public void ResetOptions() { }
            public int BuildRequest(byte[] buf, int offset, int room) { return 0; }
            public int JudgeRequest(byte[] req, int offset, int count, byte[] reply, int replyOffset, int room, bool rejectInsteadOfNak, out int replyLength)
            {
                replyLength = 0;
                return Verdict;
            }

            public bool AckReceived(byte[] buf, int offset, int count) { return true; }
            public bool NakReceived(byte[] buf, int offset, int count, bool reject) { return true; }
            public bool OtherCode(int code, int id, byte[] buf, int offset, int count) { return false; }
            public void LayerUp() { Calls.Add("up"); }
            public void LayerDown() { Calls.Add("down"); }
            public void LayerStarted() { Calls.Add("started"); }
            public void LayerFinished() { Calls.Add("finished"); }
        }

        internal sealed class PacketLog : IPppPacketOutput
        {
            public readonly List<int> Codes = new List<int>();
            public byte[] Last = new byte[0];

            public void Send(int protocol, byte[] packet, int offset, int count)
            {
                Codes.Add(packet[offset]);
                Last = new byte[count];
                Array.Copy(packet, offset, Last, 0, count);
            }
        }
    }
}
