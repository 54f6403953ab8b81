namespace EdSoftNano.Ppp
{
    /// <summary>What the PPP session hears of a control protocol's this-layer signals (RFC 1661 4.4).</summary>
    public interface ILayerEvents
    {
        /// <summary>The protocol reached Opened; its negotiated options are in force.</summary>
        void LayerUp(int protocol);

        /// <summary>The protocol left Opened.</summary>
        void LayerDown(int protocol);

        /// <summary>The protocol needs the lower layer (e.g. LCP: bring up the data call).</summary>
        void LayerStarted(int protocol);

        /// <summary>The protocol is done with the lower layer (e.g. LCP: negotiation failed or terminated: hang up).</summary>
        void LayerFinished(int protocol);
    }
}
