using System;
using System.Collections.Generic;
using EdSoftNano.Ip;

namespace EdSoftNano.Tests.Ip
{
    /// <summary>An <see cref="IIpLink"/> that keeps a copy of every datagram sent (tests read exact bytes).</summary>
    public sealed class CaptureLink : IIpLink
    {
        public CaptureLink(int mtu = 1500)
        {
            Mtu = mtu;
        }

        public int Mtu { get; set; }

        /// <summary>False makes the link refuse (down, full).</summary>
        public bool Accepting { get; set; } = true;

        public List<byte[]> Sent { get; } = new List<byte[]>();

        public byte[] Last => Sent[^1];

        public bool SendDatagram(byte[] datagram, int offset, int count)
        {
            if (!Accepting)
            {
                return false;
            }

            var copy = new byte[count];
            Array.Copy(datagram, offset, copy, 0, count);
            Sent.Add(copy);
            return true;
        }
    }
}
