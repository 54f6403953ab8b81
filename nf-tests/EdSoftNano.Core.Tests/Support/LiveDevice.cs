using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using EdSoftNano.App;
using EdSoftNano.Session;
using EdSoftNano.Simulation;
using EdSoftNano.VirtualDevice;

namespace EdSoftNano.Tests.Support
{
    /// <summary>
    /// The firmware on real time with the host's network as its bearer (as the virtual device runs
    /// it): for services against real servers on 127.0.0.1. The test thread drives the main loop;
    /// every read has a deadline, so a missing answer fails the test instead of hanging it.
    /// </summary>
    public sealed class LiveDevice
    {
        private readonly MemoryStream _received = new MemoryStream();
        private int _consumed;

        public LiveDevice(IBearer bearer = null)
        {
            Clock = new SystemClock();
            Modem = new SimulatedModem(Clock);
            Host = new ScriptedHostLink();
            Bearer = bearer ?? new HostNetworkBearer();
            Firmware = new Firmware(Host, Modem, new RamFlash(2, Budget.FlashBank), Clock, Bearer, null);
            Firmware.Start();
            Firmware.Interpreter.Echo = false;
            Exchange("AT\r", "OK\r\n$");
        }

        public SystemClock Clock { get; }

        public SimulatedModem Modem { get; }

        public ScriptedHostLink Host { get; }

        public IBearer Bearer { get; }

        public Firmware Firmware { get; }

        /// <summary>Attaches to GPRS and runs #CONNECTIONSTART; the services then have a network.</summary>
        public LiveDevice Connected()
        {
            Exchange("AT+CGATT=1\r", "OK\r\n$");
            Exchange("AT#CONNECTIONSTART\r", "Ok_Info_GprsActivation\r\n$");
            return this;
        }

        /// <summary>Types <paramref name="input"/> and returns what came back until <paramref name="end"/> (a regex) matches it.</summary>
        public string Exchange(string input, string end, int timeoutMs = 20000)
        {
            Host.Send(input);
            return ReadUntil(end, timeoutMs);
        }

        /// <summary>Types raw bytes (data mode) without waiting for an answer.</summary>
        public void Type(byte[] bytes) => Host.Send(bytes);

        /// <summary>Runs the loop until the unread output matches <paramref name="end"/>; returns and consumes it (Latin-1).</summary>
        public string ReadUntil(string end, int timeoutMs = 20000)
        {
            var pattern = new Regex(end, RegexOptions.Singleline);
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (true)
            {
                Pump();
                string text = Unread();
                Match match = pattern.Match(text);
                if (match.Success)
                {
                    _consumed += match.Index + match.Length;
                    return text.Substring(0, match.Index + match.Length);
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("no /" + end + "/ from the device within " + timeoutMs + " ms; it said: "
                        + text.Replace("\r", "\\r").Replace("\n", "\\n"));
                }
            }
        }

        /// <summary>Runs the loop until <paramref name="count"/> unread bytes are there; returns and consumes them.</summary>
        public byte[] ReadBytes(int count, int timeoutMs = 60000)
        {
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (_received.Length - _consumed < count)
            {
                Pump();
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("only " + (_received.Length - _consumed) + " of " + count + " bytes came within " + timeoutMs + " ms");
                }
            }

            byte[] bytes = new byte[count];
            Array.Copy(_received.GetBuffer(), _consumed, bytes, 0, count);
            _consumed += count;
            return bytes;
        }

        /// <summary>Lets the loop run for <paramref name="ms"/> and returns what came meanwhile.</summary>
        public string RunFor(int ms)
        {
            DateTime until = DateTime.UtcNow.AddMilliseconds(ms);
            while (DateTime.UtcNow < until)
            {
                Pump();
            }

            string text = Unread();
            _consumed += text.Length;
            return text;
        }

        private void Pump()
        {
            Firmware.Step(1);
            byte[] output = Host.TakeOutputBytes();
            _received.Write(output, 0, output.Length);
        }

        private string Unread() => Encoding.Latin1.GetString(_received.GetBuffer(), _consumed, (int)_received.Length - _consumed);
    }
}
