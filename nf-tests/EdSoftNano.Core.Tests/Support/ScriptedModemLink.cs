using System;
using System.Collections.Generic;
using System.Text;
using EdSoftNano.Ports;

namespace EdSoftNano.Tests.Support
{
    /// <summary>
    /// The modem UART in a driver test, byte for byte under the test's control: it records every
    /// command line the driver writes, answers each from a table (or not at all), and lets the test
    /// queue any bytes at any time (garbage, URCs, late answers). Answers are produced in order, the
    /// way a real module works through its commands: an answer is never sent before the answer of the
    /// command before it, so a slow command holds up the next one (esp_modem's modem_sim).
    /// </summary>
    public sealed class ScriptedModemLink : IByteLink
    {
        private readonly Queue<byte> _ready = new Queue<byte>();
        private readonly List<(long DueMs, byte[] Bytes)> _scheduled = new List<(long, byte[])>();
        private readonly Dictionary<string, (string Answer, int DelayMs)> _rules = new Dictionary<string, (string, int)>();
        private readonly Dictionary<string, Queue<(string Answer, int DelayMs)>> _once = new Dictionary<string, Queue<(string, int)>>();
        private readonly StringBuilder _line = new StringBuilder();
        private readonly List<byte> _written = new List<byte>();
        private long _lastDueMs;

        public ScriptedModemLink(IClock clock)
        {
            Clock = clock;
            // A 27.007 module after the start-up script: registered at home.
            On("AT+CREG?", "\r\n+CREG: 1,1\r\n\r\nOK\r\n");
            On("AT+CGREG?", "\r\n+CGREG: 1,1\r\n\r\nOK\r\n");
            On("AT+CPIN?", "\r\n+CPIN: READY\r\n\r\nOK\r\n");
        }

        public IClock Clock { get; }

        /// <summary>Answer of a command without a rule; null: no answer at all.</summary>
        public string DefaultAnswer { get; set; } = "\r\nOK\r\n";

        /// <summary>While true, commands are recorded but never answered (a dead modem; queued bytes still flow).</summary>
        public bool Silent { get; set; }

        /// <summary>Echoes every byte it receives (a module that ignores ATE0).</summary>
        public bool Echo { get; set; }

        /// <summary>Largest number of bytes one Read returns (to test resumable line assembly).</summary>
        public int MaxReadChunk { get; set; } = int.MaxValue;

        /// <summary>Every command line the driver wrote, without its CR, in order.</summary>
        public List<string> Commands { get; } = new List<string>();

        /// <summary>Every byte the driver wrote.</summary>
        public byte[] Written => _written.ToArray();

        /// <summary>Bytes queued but not read yet (scheduled ones included).</summary>
        public int Pending => _ready.Count + _scheduled.Count;

        /// <summary>Answers <paramref name="command"/> (exact text, as the driver sends it) with <paramref name="answer"/>, every time.</summary>
        public void On(string command, string answer, int delayMs = 0) => _rules[command] = (answer, delayMs);

        /// <summary>Answers the next <paramref name="command"/> only with <paramref name="answer"/> (null: no answer), before the rules.</summary>
        public void Once(string command, string answer, int delayMs = 0)
        {
            if (!_once.TryGetValue(command, out var queue))
            {
                _once[command] = queue = new Queue<(string, int)>();
            }

            queue.Enqueue((answer, delayMs));
        }

        /// <summary>Queues bytes to be read now (Latin-1).</summary>
        public void Emit(string text) => Emit(Encoding.Latin1.GetBytes(text));

        public void Emit(byte[] bytes)
        {
            foreach (byte b in bytes)
            {
                _ready.Enqueue(b);
            }
        }

        /// <summary>Queues bytes to be read once the clock reaches <paramref name="dueMs"/>.</summary>
        public void EmitAt(long dueMs, string text) => _scheduled.Add((dueMs, Encoding.Latin1.GetBytes(text)));

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            long now = Clock.NowMs;
            for (int i = 0; i < _scheduled.Count;)
            {
                if (_scheduled[i].DueMs <= now)
                {
                    Emit(_scheduled[i].Bytes);
                    _scheduled.RemoveAt(i);
                }
                else
                {
                    i++;
                }
            }

            int n = Math.Min(Math.Min(count, _ready.Count), MaxReadChunk);
            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = _ready.Dequeue();
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                _written.Add(b);
                if (Echo)
                {
                    _ready.Enqueue(b);
                }

                if (b == '\r')
                {
                    string line = _line.ToString();
                    _line.Clear();
                    Commands.Add(line);
                    Answer(line);
                }
                else if (b != '\n')
                {
                    _line.Append((char)b);
                }
            }
        }

        private void Answer(string command)
        {
            if (Silent)
            {
                return;
            }

            (string Answer, int DelayMs) reply;
            if (_once.TryGetValue(command, out var queue) && queue.Count > 0)
            {
                reply = queue.Dequeue();
            }
            else if (!_rules.TryGetValue(command, out reply))
            {
                reply = (DefaultAnswer, 0);
            }

            if (reply.Answer == null)
            {
                return;
            }

            long due = Math.Max(Clock.NowMs + reply.DelayMs, _lastDueMs);
            _lastDueMs = due;
            if (due <= Clock.NowMs && _scheduled.Count == 0)
            {
                Emit(reply.Answer);
            }
            else
            {
                _scheduled.Add((due, Encoding.Latin1.GetBytes(reply.Answer)));
            }
        }
    }
}
