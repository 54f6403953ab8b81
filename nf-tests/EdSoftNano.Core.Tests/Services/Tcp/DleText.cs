using System.IO;

namespace EdSoftNano.Tests.Services.Tcp
{
    /// <summary>The host's side of the DLE coding (spec 5.2.1): DLE before each ETX and DLE, and its reverse.</summary>
    public static class DleText
    {
        public const byte Etx = 0x03;
        public const byte Dle = 0x10;

        public static byte[] Escape(byte[] data)
        {
            var output = new MemoryStream(data.Length + data.Length / 4);
            foreach (byte b in data)
            {
                if (b == Etx || b == Dle)
                {
                    output.WriteByte(Dle);
                }

                output.WriteByte(b);
            }

            return output.ToArray();
        }

        public static byte[] Unescape(byte[] coded)
        {
            var output = new MemoryStream(coded.Length);
            for (int i = 0; i < coded.Length; i++)
            {
                if (coded[i] == Dle && i + 1 < coded.Length)
                {
                    i++;
                }

                output.WriteByte(coded[i]);
            }

            return output.ToArray();
        }
    }
}
