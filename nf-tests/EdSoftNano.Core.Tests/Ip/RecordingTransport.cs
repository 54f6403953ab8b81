using System;
using System.Collections.Generic;
using EdSoftNano.Ip;

namespace EdSoftNano.Tests.Ip
{
    /// <summary>An <see cref="IIpTransport"/> that keeps what the IP layer hands it.</summary>
    public sealed class RecordingTransport : IIpTransport
    {
        public List<byte[]> Payloads { get; } = new List<byte[]>();

        public List<uint> Sources { get; } = new List<uint>();

        public List<string> Errors { get; } = new List<string>();

        public void Receive(uint source, uint destination, byte[] buffer, int offset, int length, long nowMs)
        {
            var copy = new byte[length];
            Array.Copy(buffer, offset, copy, 0, length);
            Payloads.Add(copy);
            Sources.Add(source);
        }

        public void Unreachable(int icmpType, int icmpCode, uint destination, byte[] original, int offset, int length, long nowMs)
        {
            Errors.Add(icmpType + "/" + icmpCode + " " + destination.ToString("X8") + " " + length);
        }
    }
}
