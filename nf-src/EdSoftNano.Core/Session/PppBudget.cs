using EdSoftNano.Ppp;

namespace EdSoftNano.Session
{
    /// <summary>The buffers of <see cref="PppBearer"/> (part of the firmware's budget, see App/Budget).</summary>
    public static class PppBudget
    {
        /// <summary>Received bytes of the data call waiting for PPP: two full escaped frames' worth of slack.</summary>
        public const int ReceiveRing = 2048;

        /// <summary>One decoded frame: MRU, protocol, address/control and FCS.</summary>
        public const int Frame = LcpOption.DefaultMru + 6;

        /// <summary>LCP's packet to send and its reply buffer, each: a Code-Reject can echo a whole packet.</summary>
        public const int ControlPacket = LcpOption.DefaultMru;

        /// <summary>IPCP's packet and reply, each.</summary>
        public const int IpcpPacket = PppLink.DefaultIpcpBuffer;

        /// <summary>One read from and one write to the data call.</summary>
        public const int IoBlock = PppLink.DefaultIoBlock;

        /// <summary>Sum, with PAP/CHAP's packet buffer.</summary>
        public const int Total = ReceiveRing + Frame + 2 * ControlPacket + 2 * IpcpPacket + 2 * IoBlock + Ppp.Auth.AuthCodec.TxBufferLength;
    }
}
