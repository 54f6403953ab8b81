using System.Net;

namespace EdSoftNano.Simulation
{
    /// <summary>IPv4 addresses between the core's host-order uint and System.Net's IPAddress.</summary>
    public static class HostAddress
    {
        public static IPAddress ToIPAddress(uint address)
            => new IPAddress(new[] { (byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address });

        /// <summary>The IPv4 form (an IPv4-mapped IPv6 address is unmapped); 0 for anything else.</summary>
        public static uint ToUint(IPAddress address)
        {
            if (address == null)
            {
                return 0;
            }

            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            byte[] b = address.GetAddressBytes();
            return b.Length == 4 ? (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) : 0;
        }
    }
}
