using System;
using System.Collections.Generic;
using EdSoftNano.Ip;
using EdSoftNano.Ppp;

namespace EdSoftNano.Tests.Ip
{
    /// <summary>
    /// One end of a virtual point-to-point wire between two managed stacks: what one end sends is
    /// queued and handed to the other's input by <see cref="Deliver"/> (the test decides when, so
    /// everything runs on virtual time and one thread).
    /// </summary>
    public sealed class WireLink : IIpLink
    {
        private readonly Queue<byte[]> _queue = new Queue<byte[]>();

        public WireLink(int mtu = 1500)
        {
            Mtu = mtu;
        }

        public int Mtu { get; }

        /// <summary>The other end's input.</summary>
        public IPppIpInput Far { get; set; }

        /// <summary>Decides per datagram whether it is lost (null: none are).</summary>
        public Func<byte[], bool> Lose { get; set; }

        public List<byte[]> Sent { get; } = new List<byte[]>();

        public bool SendDatagram(byte[] datagram, int offset, int count)
        {
            var copy = new byte[count];
            Array.Copy(datagram, offset, copy, 0, count);
            Sent.Add(copy);
            if (Lose == null || !Lose(copy))
            {
                _queue.Enqueue(copy);
            }

            return true;
        }

        /// <summary>Hands every queued datagram to the far end; the count moved.</summary>
        public int Deliver(long nowMs)
        {
            int n = 0;
            while (_queue.Count > 0)
            {
                byte[] d = _queue.Dequeue();
                Far.Receive(nowMs, d, 0, d.Length);
                n++;
            }

            return n;
        }
    }
}
