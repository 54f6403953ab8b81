using System.Net;

namespace EdSoftNano.Device.Ports
{
    /// <summary>IPv4 addresses between the core's host-order uint (a.b.c.d = a&lt;&lt;24 | …) and System.Net's types.</summary>
    internal static class NanoAddress
    {
        /// <summary>
        /// The long that IPAddress(long) and IPEndPoint(long, int) take: the address as it lies in
        /// memory, first octet in the lowest byte. Building an endpoint this way allocates no byte[].
        /// </summary>
        public static long ToLong(uint address)
        {
            uint swapped = ((address & 0xFF) << 24) | (((address >> 8) & 0xFF) << 16) | (((address >> 16) & 0xFF) << 8) | (address >> 24);
            return (long)swapped;
        }

        public static IPEndPoint ToEndPoint(uint address, int port) => new IPEndPoint(ToLong(address), port);

        /// <summary>The IPv4 address of <paramref name="address"/>; 0 for null or anything that is not IPv4.</summary>
        public static uint ToUint(IPAddress address)
        {
            if (address == null)
            {
                return 0;
            }

            byte[] b = address.GetAddressBytes();
            return b.Length == 4 ? ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3] : 0;
        }
    }
}
