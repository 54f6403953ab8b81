using System;
using System.Collections.Generic;
using System.Text;
using EdSoftNano.Ports;

namespace EdSoftNano.Simulation
{
    /// <summary>
    /// A GSM modem at the byte level, behind an IByteLink: it echoes while ATE1 (its power-on
    /// state), answers the 27.007 commands a host sends before AT# the way a real module does
    /// (OK/ERROR framing, +CREG/+CGREG URCs after the commands that enable them), and keeps a
    /// small state: SIM PIN, registration, GPRS attach.
    /// </summary>
    public sealed class SimulatedModem : IByteLink
    {
        private readonly Queue<byte> _output = new Queue<byte>();
        private readonly StringBuilder _line = new StringBuilder();
        private bool _echo = true;
        private int _cregMode;
        private int _cgregMode;
        private bool _attached;
        private bool _sawA;
        private bool _online;
        private long _lastDataMs;
        private long _okAtMs = -1;
        private int _plusCount;
        private long _plusStartMs;
        private bool _crc;
        private bool _clip;
        private bool _ringing;
        private bool _ringIsData;

        /// <param name="clock">Needed for the +++ guard times; without one the escape is taken at once.</param>
        public SimulatedModem(IClock clock = null)
        {
            Clock = clock;
        }

        /// <summary>The clock of the +++ guard times; null takes an escape at once.</summary>
        public IClock Clock { get; set; }

        /// <summary>Outcome of each ATD&lt;number&gt; in turn ("CONNECT 9600", "BUSY", "NO ANSWER", "NO CARRIER");
        /// when empty, GSM calls connect at 9600.</summary>
        public Queue<string> DialOutcomes { get; } = new Queue<string>();

        /// <summary>Answer of ATD*99***cid# (GPRS): "CONNECT" by default, or "ERROR", "NO CARRIER", "+CME ERROR: 533".</summary>
        public string GprsDialOutcome { get; set; } = "CONNECT";

        /// <summary>Whether AT+CGDCONT is accepted.</summary>
        public bool ContextAccepted { get; set; } = true;

        /// <summary>False: the SIM is missing (AT+CPIN? answers +CME ERROR: 10).</summary>
        public bool SimPresent { get; set; } = true;

        /// <summary>While true the modem says nothing (its answers wait): a slow network, or a dead modem.</summary>
        public bool Silent { get; set; }

        /// <summary>Every number dialled, in order.</summary>
        public List<string> Dialled { get; } = new List<string>();

        /// <summary>True while a data call is up (online data state).</summary>
        public bool Online => _online;

        /// <summary>Bytes the firmware sent on the data call (when there is no <see cref="CallPeer"/>).</summary>
        public List<byte> DataReceived { get; } = new List<byte>();

        /// <summary>The far end of data calls (a PPP peer); null keeps the call's bytes in <see cref="DataReceived"/>.</summary>
        public IDataCallPeer CallPeer { get; set; }

        private readonly List<byte> _toPeer = new List<byte>();
        private readonly byte[] _fromPeer = new byte[4096];

        /// <summary>One ring of an incoming call, with the caller's number (null: no CLI) and its type.</summary>
        public void Ring(string callerNumber, bool dataCall = true)
        {
            _ringing = true;
            _ringIsData = dataCall;
            Emit(_crc ? (dataCall ? "\r\n+CRING: REL ASYNC\r\n" : "\r\n+CRING: VOICE\r\n") : "\r\nRING\r\n");
            if (_clip && callerNumber != null)
            {
                Emit("\r\n+CLIP: \"" + callerNumber + "\",129,\"\",,\"\",0\r\n");
            }
        }

        /// <summary>The network drops the data call (or the GPRS session).</summary>
        public void DropCall(bool gprsLost = false)
        {
            if (gprsLost)
            {
                _attached = false;
                Urc(_cgregMode > 0, "+CGREG: 0");
            }

            CallPeer?.HangUp();
            if (_online)
            {
                _online = false;
                Emit("\r\nNO CARRIER\r\n");
            }
        }

        /// <summary>The network registration changes; a +CREG URC follows when AT+CREG=1 or 2 is on.</summary>
        public void ChangeRegistration(int status)
        {
            RegistrationStatus = status;
            Urc(_cregMode > 0, "+CREG: " + status);
        }

        /// <summary>The SIM is pulled out.</summary>
        public void RemoveSim()
        {
            SimPresent = false;
            _online = false;
            Emit("\r\n+CPIN: NOT READY\r\n");
        }

        /// <summary>Bytes the far end sends on the data call.</summary>
        public void SendData(byte[] bytes)
        {
            foreach (byte b in bytes)
            {
                _output.Enqueue(b);
            }
        }

        /// <summary>PIN the SIM asks for; null when the SIM is unlocked (+CPIN: READY).</summary>
        public string SimPin { get; set; }

        /// <summary>+CREG stat: 1 registered home, 5 roaming, 0 not registered.</summary>
        public int RegistrationStatus { get; set; } = 1;

        /// <summary>Whether AT+CGATT=1 succeeds.</summary>
        public bool AttachSucceeds { get; set; } = true;

        /// <summary>Every command line the modem received (without AT prefix handling).</summary>
        public List<string> Received { get; } = new List<string>();

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (Silent)
            {
                return 0;
            }

            if (_okAtMs >= 0 && Now >= _okAtMs)
            {
                _okAtMs = -1;
                _online = false;
                Ok();
            }

            if (_online && CallPeer != null && _output.Count < count)
            {
                if (CallPeer.Ended)
                {
                    // The peer went away: the network drops the call.
                    DropCall();
                }
                else
                {
                    int got = CallPeer.Receive(_fromPeer, 0, Math.Min(_fromPeer.Length, count - _output.Count));
                    for (int i = 0; i < got; i++)
                    {
                        _output.Enqueue(_fromPeer[i]);
                    }
                }
            }

            int n = Math.Min(count, _output.Count);
            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = _output.Dequeue();
            }

            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                Accept(buffer[offset + i]);
            }

            if (_toPeer.Count > 0)
            {
                byte[] bytes = _toPeer.ToArray();
                _toPeer.Clear();
                CallPeer?.Send(bytes, 0, bytes.Length);
            }
        }

        // One byte of the call from the firmware: to the peer, or kept for the test.
        private void DataByte(byte b)
        {
            if (CallPeer != null)
            {
                _toPeer.Add(b);
            }
            else
            {
                DataReceived.Add(b);
            }
        }

        private long Now => Clock?.NowMs ?? long.MaxValue / 2;

        private void Accept(byte b)
        {
            if (_online)
            {
                AcceptData(b);
                return;
            }

            if (_echo)
            {
                _output.Enqueue(b);
            }

            if (b == '\r')
            {
                string line = _line.ToString();
                _line.Clear();
                _sawA = false;
                if (line.Length >= 2 && (line[0] == 'A' || line[0] == 'a') && (line[1] == 'T' || line[1] == 't'))
                {
                    Received.Add(line);
                    Execute(line.Substring(2));
                }

                return;
            }

            if (b == '\n')
            {
                return;
            }

            if (_line.Length == 0 && !_sawA && b != 'A' && b != 'a')
            {
                return;
            }

            _sawA = true;
            _line.Append((char)b);
        }

        /// <summary>Online data state: bytes are data, except a "+++" framed by a second of silence.</summary>
        private void AcceptData(byte b)
        {
            long now = Now;
            if (b == '+')
            {
                if (_plusCount == 0)
                {
                    if (Clock != null && now - _lastDataMs < 1000)
                    {
                        DataByte(b);
                        _lastDataMs = now;
                        return;
                    }

                    _plusStartMs = now;
                }

                _plusCount++;
                if (_plusCount == 3)
                {
                    _plusCount = 0;
                    // OK after the guard time that follows the escape.
                    _okAtMs = Clock == null ? 0 : now + 1000;
                }

                return;
            }

            for (int i = 0; i < _plusCount; i++)
            {
                DataByte((byte)'+');
            }

            _plusCount = 0;
            _okAtMs = -1;
            DataByte(b);
            _lastDataMs = now;
        }

        private void Execute(string body)
        {
            string cmd = body.ToUpperInvariant();
            switch (cmd)
            {
                case "":
                case "Z":
                case "&F":
                case "+CFUN=1":
                case "+WOPEN=1":
                    _ringing = false;
                    _online = false;
                    Ok();
                    return;
                case "H":
                case "H0":
                    CallPeer?.HangUp();
                    _ringing = false;
                    _online = false;
                    Ok();
                    return;
                case "+CRC=1":
                    _crc = true;
                    Ok();
                    return;
                case "+CLIP=1":
                    _clip = true;
                    Ok();
                    return;
                case "E0":
                    _echo = false;
                    Ok();
                    return;
                case "E1":
                    _echo = true;
                    Ok();
                    return;
                case "I":
                    Info("EdSoftNano simulated GSM modem");
                    Ok();
                    return;
                case "+CGMI":
                    Info("EdSoftNano");
                    Ok();
                    return;
                case "+CGMM":
                    Info("SIMGSM-1");
                    Ok();
                    return;
                case "+CGSN":
                    Info("350000000000001");
                    Ok();
                    return;
                case "+CSQ":
                    Info("+CSQ: 20,0");
                    Ok();
                    return;
                case "+CPIN?" when !SimPresent:
                    Final("+CME ERROR: 10");
                    return;
                case "+CPIN?":
                    Info(SimPin == null ? "+CPIN: READY" : "+CPIN: SIM PIN");
                    Ok();
                    return;
                case "+CREG?":
                    Info("+CREG: " + _cregMode + "," + RegistrationStatus);
                    Ok();
                    return;
                case "+CGREG?":
                    Info("+CGREG: " + _cgregMode + "," + GprsStatus());
                    Ok();
                    return;
                case "+CGATT?":
                    Info("+CGATT: " + (_attached ? 1 : 0));
                    Ok();
                    return;
                case "+COPS?":
                    Info(RegistrationStatus == 1 || RegistrationStatus == 5 ? "+COPS: 0,0,\"SIM NET\"" : "+COPS: 0");
                    Ok();
                    return;
                case "+CGATT=1":
                    Attach();
                    return;
                case "+CGATT=0":
                    _attached = false;
                    Ok();
                    Urc(_cgregMode > 0, "+CGREG: " + GprsStatus());
                    return;
                case "A":
                    if (_ringing && _ringIsData)
                    {
                        _ringing = false;
                        GoOnline("CONNECT 9600");
                    }
                    else
                    {
                        _ringing = false;
                        Final("NO CARRIER");
                    }

                    return;
            }

            if (cmd.StartsWith("+CPIN=", StringComparison.Ordinal))
            {
                EnterPin(body.Substring(6).Trim('"'));
            }
            else if (cmd.StartsWith("+CREG=", StringComparison.Ordinal) && TryMode(cmd.Substring(6), out int creg))
            {
                _cregMode = creg;
                Ok();
                // Wavecom reports the state at once when the report is enabled (spec A.3, A.4).
                Urc(creg > 0, "+CREG: " + RegistrationStatus);
            }
            else if (cmd.StartsWith("+CGREG=", StringComparison.Ordinal) && TryMode(cmd.Substring(7), out int cgreg))
            {
                _cgregMode = cgreg;
                Ok();
                Urc(cgreg > 0, "+CGREG: " + GprsStatus());
            }
            else if (cmd.StartsWith("+CGDCONT=", StringComparison.Ordinal))
            {
                Final(ContextAccepted ? "OK" : "ERROR");
            }
            else if (cmd.StartsWith("+CMEE=", StringComparison.Ordinal) || cmd.StartsWith("+CRC=", StringComparison.Ordinal) || cmd.StartsWith("+CLIP=", StringComparison.Ordinal))
            {
                Ok();
            }
            else if (cmd.StartsWith("D*99", StringComparison.Ordinal))
            {
                Dialled.Add(body.Substring(1));
                if (!_attached || GprsDialOutcome != "CONNECT")
                {
                    Final(_attached ? GprsDialOutcome : "ERROR");
                }
                else
                {
                    GoOnline("CONNECT");
                }
            }
            else if (cmd.StartsWith("D", StringComparison.Ordinal))
            {
                Dialled.Add(body.Substring(1));
                string outcome = DialOutcomes.Count > 0 ? DialOutcomes.Dequeue() : "CONNECT 9600";
                if (RegistrationStatus != 1 && RegistrationStatus != 5)
                {
                    Final("NO CARRIER");
                }
                else if (outcome.StartsWith("CONNECT", StringComparison.Ordinal))
                {
                    GoOnline(outcome);
                }
                else
                {
                    Final(outcome);
                }
            }
            else
            {
                Final("ERROR");
            }
        }

        private void EnterPin(string pin)
        {
            if (SimPin == null || pin == SimPin)
            {
                SimPin = null;
                Ok();
            }
            else
            {
                Final("+CME ERROR: 16");
            }
        }

        private void Attach()
        {
            if (!AttachSucceeds || (RegistrationStatus != 1 && RegistrationStatus != 5))
            {
                Final("ERROR");
                return;
            }

            Ok();
            if (!_attached)
            {
                _attached = true;
                // A.4: the network reports "searching" then "registered" once attached.
                Urc(_cgregMode > 0, "+CGREG: 2");
                Urc(_cgregMode > 0, "+CGREG: 1");
            }
        }

        private void GoOnline(string connect)
        {
            CallPeer?.Connected();
            Final(connect);
            _online = true;
            _lastDataMs = Now;
        }

        private int GprsStatus() => _attached ? 1 : 0;

        private static bool TryMode(string text, out int mode)
            => int.TryParse(text, out mode) && mode >= 0 && mode <= 2;

        private void Ok() => Final("OK");

        private void Info(string text) => Emit("\r\n" + text + "\r\n");

        private void Final(string text) => Emit("\r\n" + text + "\r\n");

        private void Urc(bool enabled, string text)
        {
            if (enabled)
            {
                Emit("\r\n" + text + "\r\n");
            }
        }

        private void Emit(string text)
        {
            foreach (char c in text)
            {
                _output.Enqueue((byte)c);
            }
        }
    }
}
