using System;
using System.IO.Ports;
using EdSoftNano.Device.Ports;
using EdSoftNano.Device.Tests.Support;
using nanoFramework.Hardware.Esp32;
using nanoFramework.TestFramework;

namespace EdSoftNano.Device.Tests.Bindings
{
    /// <summary>
    /// The device's <see cref="SerialByteLink"/> on a real UART looped back by a jumper wire
    /// (see <see cref="BindingSetup"/>): what is written comes back in order through the receive
    /// thread and the ring, a burst larger than one chunk included, and a read with nothing sent
    /// returns 0 after its timeout.
    /// </summary>
    [TestClass]
    public class SerialLoopbackBindingTests
    {
        private static SerialByteLink Open(int ringSize)
        {
            Configuration.SetPinFunction(BindingSetup.LoopbackTxPin, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(BindingSetup.LoopbackRxPin, DeviceFunction.COM2_RX);
            SerialPort port = new SerialPort(BindingSetup.LoopbackPort, BindingSetup.LoopbackBaud, Parity.None, 8, StopBits.One);
            port.ReadBufferSize = 1024;
            port.ReadTimeout = 200;
            SerialByteLink link = new SerialByteLink(port, new byte[ringSize], new byte[256]);
            link.Open();
            return link;
        }

        private static int ReadFor(SerialByteLink link, byte[] buffer, int wanted, int timeoutMs)
        {
            int total = 0;
            long end = Environment.TickCount64 + timeoutMs;
            while (total < wanted && Environment.TickCount64 < end)
            {
                total += link.Read(buffer, total, wanted - total, 20);
            }

            return total;
        }

        [TestMethod]
        public void Command_ComesBackThroughTheJumper()
        {
            SerialByteLink link = Open(1024);
            try
            {
                byte[] sent = Text.Bytes("AT#VVERSION\r");
                link.Write(sent, 0, sent.Length);
                byte[] got = new byte[64];
                int n = ReadFor(link, got, sent.Length, 1000);
                Assert.AreEqual(sent.Length, n, "bytes back (is GPIO17 jumpered to GPIO16?)");
                Assert.AreEqual("AT#VVERSION\r", Text.Of(got, 0, n), "same bytes");
            }
            finally
            {
                link.Close();
            }
        }

        [TestMethod]
        public void Burst_LargerThanAChunk_ComesBackInOrder()
        {
            SerialByteLink link = Open(4096);
            try
            {
                byte[] sent = new byte[2000];
                for (int i = 0; i < sent.Length; i++)
                {
                    sent[i] = (byte)(i * 7 + 3);
                }

                link.Write(sent, 0, sent.Length);
                byte[] got = new byte[sent.Length];
                int n = ReadFor(link, got, sent.Length, 3000);
                Assert.AreEqual(sent.Length, n, "all bytes back");
                for (int i = 0; i < n; i++)
                {
                    Assert.AreEqual(sent[i], got[i], string.Concat("byte ", i.ToString()));
                }

                Assert.AreEqual(0, link.ReceiveFaults, "no receive faults");
            }
            finally
            {
                link.Close();
            }
        }

        [TestMethod]
        public void Read_NothingSent_ReturnsZeroAfterTheTimeout()
        {
            SerialByteLink link = Open(256);
            try
            {
                byte[] got = new byte[16];
                long start = Environment.TickCount64;
                int n = link.Read(got, 0, got.Length, 100);
                long elapsed = Environment.TickCount64 - start;
                Assert.AreEqual(0, n, "nothing read");
                Assert.IsTrue(elapsed >= 90, string.Concat("waited ", elapsed.ToString(), " ms"));
            }
            finally
            {
                link.Close();
            }
        }
    }
}
