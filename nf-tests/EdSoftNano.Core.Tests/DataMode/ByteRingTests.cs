using System;
using EdSoftNano.DataMode;
using Xunit;

namespace EdSoftNano.Tests.DataMode
{
    public class ByteRingTests
    {
        [Fact]
        public void Write_MoreThanFits_TakesOnlyTheFreeRoom()
        {
            var ring = new ByteRing(new byte[8]);
            Assert.Equal(8, ring.Write(new byte[12], 0, 12));
            Assert.Equal(0, ring.Free);
            Assert.Equal(0, ring.Write(new byte[1], 0, 1));
        }

        [Fact]
        public void Spans_AfterWrap_AreTheContiguousParts()
        {
            var ring = new ByteRing(new byte[8]);
            ring.Write(new byte[] { 1, 2, 3, 4, 5, 6 }, 0, 6);
            ring.Consume(4);
            Assert.Equal(4, ring.ReadOffset);
            Assert.Equal(2, ring.ReadableSpan);
            Assert.Equal(6, ring.WriteOffset);
            Assert.Equal(2, ring.WritableSpan);

            ring.Write(new byte[] { 7, 8, 9, 10, 11 }, 0, 5);
            Assert.Equal(7, ring.Count);
            Assert.Equal(4, ring.ReadableSpan);
            Assert.Equal(3, ring.WriteOffset);
            Assert.Equal(1, ring.WritableSpan);

            var frame = new byte[7];
            ring.Peek(frame, 0, 7);
            Assert.Equal(new byte[] { 5, 6, 7, 8, 9, 10, 11 }, frame);
            Assert.Equal(7, ring.Count);
        }

        [Fact]
        public void Consume_Everything_StartsAgainAtTheBeginning()
        {
            var ring = new ByteRing(new byte[8]);
            ring.Write(new byte[5], 0, 5);
            ring.Consume(5);
            Assert.Equal(0, ring.ReadOffset);
            Assert.Equal(8, ring.WritableSpan);
        }

        [Fact]
        public void CommitAndConsume_RandomSequence_KeepsTheByteOrder()
        {
            var random = new Random(7);
            var ring = new ByteRing(new byte[13]);
            byte next = 0;
            byte expect = 0;
            for (int step = 0; step < 10000; step++)
            {
                int span = ring.WritableSpan;
                int put = random.Next(span + 1);
                for (int i = 0; i < put; i++)
                {
                    ring.Buffer[ring.WriteOffset + i] = next++;
                }

                ring.Commit(put);
                int readable = ring.ReadableSpan;
                int take = random.Next(readable + 1);
                for (int i = 0; i < take; i++)
                {
                    Assert.Equal(expect++, ring.Buffer[ring.ReadOffset + i]);
                }

                ring.Consume(take);
                Assert.InRange(ring.Count, 0, ring.Capacity);
            }
        }
    }
}
