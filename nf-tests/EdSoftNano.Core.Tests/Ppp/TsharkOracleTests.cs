using System;
using System.Collections.Generic;
using System.IO;
using EdSoftNano.Ppp;
using Xunit;

namespace EdSoftNano.Tests.Ppp
{
    /// <summary>The tshark oracle itself: it passes a well-formed capture and flags a broken one.</summary>
    public class TsharkOracleTests
    {
        private static string TempPcap()
        {
            string dir = Path.Combine(Path.GetTempPath(), "edsoft-oracle-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return Path.Combine(dir, "f.pcap");
        }

        [Fact]
        public void WellFormedLcpRequest_IsClean()
        {
            Assert.True(File.Exists(TsharkOracle.Tshark), "tshark is not installed (tools/test-servers/install.sh)");
            // Configure-Request id 1: MRU 1500, Magic-Number.
            byte[] info = { 1, 1, 0, 14, 1, 4, 0x05, 0xDC, 5, 6, 0x12, 0x34, 0x56, 0x78 };
            string pcap = TempPcap();
            PcapWriter.Write(pcap, new List<PppCapturedFrame> { new PppCapturedFrame(false, PppProtocol.Lcp, info, TimeSpan.Zero) });
            Assert.Equal("", TsharkOracle.Complaints(pcap));
            Directory.Delete(Path.GetDirectoryName(pcap), true);
        }

        [Fact]
        public void OptionOverrunningItsPacket_IsFlagged()
        {
            Assert.True(File.Exists(TsharkOracle.Tshark), "tshark is not installed (tools/test-servers/install.sh)");
            // Configure-Request whose MRU option claims 10 bytes where the packet holds 4.
            byte[] info = { 1, 1, 0, 8, 1, 10, 0x05, 0xDC };
            string pcap = TempPcap();
            PcapWriter.Write(pcap, new List<PppCapturedFrame> { new PppCapturedFrame(false, PppProtocol.Lcp, info, TimeSpan.Zero) });
            string complaints = TsharkOracle.Complaints(pcap);
            Assert.StartsWith("1\t", complaints);
            Directory.Delete(Path.GetDirectoryName(pcap), true);
        }
    }
}
