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
        }

        private void Accept(byte b)
        {
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
                case "H":
                case "H0":
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
                case "D":
                    Final("NO CARRIER");
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
                Urc(creg > 0, "+CREG: " + RegistrationStatus);
            }
            else if (cmd.StartsWith("+CGREG=", StringComparison.Ordinal) && TryMode(cmd.Substring(7), out int cgreg))
            {
                _cgregMode = cgreg;
                Ok();
                Urc(cgreg > 0, "+CGREG: " + GprsStatus());
            }
            else if (cmd.StartsWith("+CMEE=", StringComparison.Ordinal) || cmd.StartsWith("+CGDCONT=", StringComparison.Ordinal))
            {
                Ok();
            }
            else if (cmd.StartsWith("D", StringComparison.Ordinal))
            {
                Final("NO CARRIER");
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
