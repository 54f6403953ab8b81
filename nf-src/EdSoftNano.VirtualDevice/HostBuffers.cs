using EdSoftNano.App;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>
    /// The virtual device's data-path buffers: a PC has memory to spare, so each socket call moves
    /// 16-64 KiB instead of the board's 256 bytes-3 KiB (docs/benchmarks.md, #OTCP against socat).
    /// The protocol behaviour is the same; tests that pin the board's sizes use <see cref="BufferPlan.Board"/>.
    /// </summary>
    public static class HostBuffers
    {
        public static BufferPlan Plan() => new BufferPlan(hostRead: 16384, hostToNetworkRing: 65536, networkToHostRing: 65536, dataScratch: 16384);
    }
}
