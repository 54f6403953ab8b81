namespace EdSoftNano.App
{
    /// <summary>
    /// The sizes of the data-path buffers the firmware allocates at start-up. The board uses
    /// <see cref="Board"/> (the constants of <see cref="Budget"/>, sized for its heap); a host with
    /// memory to spare may pass larger ones, so each system call moves more bytes. Everything else
    /// in <see cref="Budget"/> keeps its size everywhere.
    /// </summary>
    public sealed class BufferPlan
    {
        public BufferPlan(int hostRead, int hostToNetworkRing, int networkToHostRing, int dataScratch)
        {
            HostRead = hostRead;
            HostToNetworkRing = hostToNetworkRing;
            NetworkToHostRing = networkToHostRing;
            DataScratch = dataScratch;
        }

        /// <summary>One read of the host link.</summary>
        public int HostRead { get; }

        /// <summary>Data mode, host → network ring.</summary>
        public int HostToNetworkRing { get; }

        /// <summary>Data mode, network → host ring.</summary>
        public int NetworkToHostRing { get; }

        /// <summary>Data mode work buffer: the largest stream frame handed to a connection.</summary>
        public int DataScratch { get; }

        /// <summary>The board's sizes: <see cref="Budget"/>.</summary>
        public static BufferPlan Board()
            => new BufferPlan(Budget.HostRead, Budget.HostToNetworkRing, Budget.NetworkToHostRing, Budget.DataScratch);
    }
}
