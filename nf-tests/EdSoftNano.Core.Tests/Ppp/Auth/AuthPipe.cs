using System;
using System.Collections.Generic;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;

namespace EdSoftNano.Tests.Ppp.Auth
{
    /// <summary>An in-memory packet pipe between two authentication roles on virtual time, with a drop filter.</summary>
    internal sealed class AuthPipe
    {
        internal sealed class End : IPppPacketOutput
        {
            public readonly Queue<byte[]> InFlight = new Queue<byte[]>();
            public readonly List<byte[]> SentPackets = new List<byte[]>();
            public int LastProtocol;
            public Func<int, bool> Drop = n => false;

            public void Send(int protocol, byte[] packet, int offset, int count)
            {
                LastProtocol = protocol;
                var copy = new byte[count];
                Array.Copy(packet, offset, copy, 0, count);
                SentPackets.Add(copy);
                if (!Drop(SentPackets.Count)) { InFlight.Enqueue(copy); }
            }
        }

        public readonly End A = new End();
        public readonly End B = new End();
        public long Now;

        /// <summary>Delivers packets both ways and runs timers until both roles have a verdict or time passes untilMs.</summary>
        public void Run(IAuthProtocol a, IAuthProtocol b, long untilMs)
        {
            while (Now <= untilMs)
            {
                bool moved = false;
                if (A.InFlight.Count > 0) { byte[] p = A.InFlight.Dequeue(); b.Receive(Now, p, 0, p.Length); moved = true; }
                if (B.InFlight.Count > 0) { byte[] p = B.InFlight.Dequeue(); a.Receive(Now, p, 0, p.Length); moved = true; }
                if (moved) { continue; }
                if (a.Result != AuthResult.Pending && b.Result != AuthResult.Pending) { return; }
                long next = Math.Min(a.NextDeadlineMs, b.NextDeadlineMs);
                if (next > untilMs) { return; }
                Now = Math.Max(Now, next);
                a.Poll(Now);
                b.Poll(Now);
            }
        }
    }
}
