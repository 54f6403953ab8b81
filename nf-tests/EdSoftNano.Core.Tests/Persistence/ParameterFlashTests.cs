using System;
using System.Collections.Generic;
using EdSoftNano.Persistence;
using EdSoftNano.Simulation;
using Xunit;

namespace EdSoftNano.Tests.Persistence
{
    public class ParameterFlashTests
    {
        private static RamFlash NewFlash() => new RamFlash(2, ParameterFlash.RecommendedBankSize);

        private static ParameterFlash Open(RamFlash flash) => new ParameterFlash(flash, new byte[flash.BankSize]);

        /// <summary>What a board finds after a reset: a new store over the same flash, defaults pre-filled.</summary>
        private static string[] LoadFresh(RamFlash flash, out bool found)
        {
            string[] values = ParameterSets.Defaults();
            found = Open(flash).Load(values);
            return values;
        }

        private static void WriteImage(RamFlash flash, int bank, string[] values, uint sequence)
        {
            var buffer = new byte[flash.BankSize];
            int length = ParameterImage.Encode(values, sequence, buffer, 0);
            Assert.True(flash.WriteBank(bank, buffer, 0, length));
        }

        [Fact]
        public void BankSizes_RequiredFitsRecommended()
        {
            Assert.Equal(11760, ParameterFlash.RequiredBankSize);
            Assert.True(ParameterFlash.RequiredBankSize <= ParameterFlash.RecommendedBankSize);
            Assert.Equal(0, ParameterFlash.RecommendedBankSize % 4096);

            // 8192 would have been the natural size, but the six address lists alone take 7800.
            Assert.True(ParameterFlash.RequiredBankSize > 8192);
        }

        [Fact]
        public void Constructor_OneBank_Throws()
        {
            Assert.Throws<ArgumentException>(() => new ParameterFlash(new RamFlash(1, 16384), new byte[16384]));
        }

        [Fact]
        public void Constructor_WorkBufferSmallerThanBank_Throws()
        {
            Assert.Throws<ArgumentException>(() => new ParameterFlash(NewFlash(), new byte[ParameterFlash.RecommendedBankSize - 1]));
        }

        [Fact]
        public void Constructor_NullArguments_Throw()
        {
            Assert.Throws<ArgumentNullException>(() => new ParameterFlash(null, new byte[16384]));
            Assert.Throws<ArgumentNullException>(() => new ParameterFlash(NewFlash(), null));
        }

        [Fact]
        public void Load_EmptyFlash_ReturnsFalseAndKeepsValues()
        {
            var store = Open(NewFlash());
            string[] values = ParameterSets.Defaults();

            Assert.False(store.Load(values));

            ParameterSets.AssertSame(ParameterSets.Defaults(), values);
            Assert.Equal(-1, store.CurrentBank);
        }

        [Fact]
        public void Save_ThenLoadAfterReset_GivesSavedValues()
        {
            RamFlash flash = NewFlash();
            var store = Open(flash);
            store.Load(ParameterSets.Defaults());

            Assert.True(store.Save(ParameterSets.Old()));

            string[] values = LoadFresh(flash, out bool found);
            Assert.True(found);
            ParameterSets.AssertSame(ParameterSets.Old(), values);
        }

        [Fact]
        public void Save_EveryValueAtMaxLength_RoundTrips()
        {
            RamFlash flash = new RamFlash(2, ParameterFlash.RequiredBankSize);
            var store = Open(flash);
            Assert.True(store.HoldsEveryImage);

            Assert.True(store.Save(ParameterSets.AtMaxLength()));

            string[] values = LoadFresh(flash, out bool found);
            Assert.True(found);
            ParameterSets.AssertSame(ParameterSets.AtMaxLength(), values);
        }

        [Fact]
        public void Save_ImageLargerThanBank_ReturnsFalseAndKeepsOld()
        {
            RamFlash flash = new RamFlash(2, 8192);
            var store = Open(flash);
            Assert.False(store.HoldsEveryImage);
            Assert.True(store.Save(ParameterSets.Old()));
            int writes = flash.WriteCount;

            Assert.False(store.Save(ParameterSets.AtMaxLength()));

            Assert.Equal(writes, flash.WriteCount);
            ParameterSets.AssertSame(ParameterSets.Old(), LoadFresh(flash, out _));
        }

        [Fact]
        public void Save_Repeatedly_AlternatesBanksAndCountsSequence()
        {
            RamFlash flash = NewFlash();
            var store = Open(flash);
            Assert.False(store.Load(ParameterSets.Defaults()));

            var expectedBanks = new List<int>();
            var banks = new List<int>();
            for (int i = 1; i <= 6; i++)
            {
                string[] set = ParameterSets.Old();
                set[EdSoftNano.Parameters.ParameterTable.RingCount.FirstSlot] = i.ToString();
                Assert.True(store.Save(set));
                banks.Add(store.CurrentBank);
                expectedBanks.Add((i - 1) % 2);
                Assert.Equal((uint)i, store.Sequence);

                var reopened = Open(flash);
                string[] values = ParameterSets.Defaults();
                Assert.True(reopened.Load(values));
                Assert.Equal((uint)i, reopened.Sequence);
                Assert.Equal(store.CurrentBank, reopened.CurrentBank);
                ParameterSets.AssertSame(set, values);
            }

            Assert.Equal(expectedBanks, banks);
            Assert.Equal(6, flash.WriteCount);
        }

        [Fact]
        public void Save_AfterReset_ContinuesFromNewerBank()
        {
            RamFlash flash = NewFlash();
            WriteImage(flash, 0, ParameterSets.Defaults(), 41);
            WriteImage(flash, 1, ParameterSets.Old(), 42);
            var store = Open(flash);

            Assert.True(store.Load(ParameterSets.Defaults()));
            Assert.Equal(1, store.CurrentBank);
            Assert.True(store.Save(ParameterSets.NewLonger()));

            Assert.Equal(0, store.CurrentBank);
            Assert.Equal(43u, store.Sequence);
            ParameterSets.AssertSame(ParameterSets.NewLonger(), LoadFresh(flash, out _));
        }

        [Fact]
        public void Save_WithoutLoad_StillWritesTheOlderBank()
        {
            RamFlash flash = NewFlash();
            WriteImage(flash, 0, ParameterSets.Defaults(), 8);
            WriteImage(flash, 1, ParameterSets.Old(), 7);
            var store = Open(flash);

            Assert.True(store.Save(ParameterSets.NewLonger()));

            Assert.Equal(1, store.CurrentBank);
            Assert.Equal(9u, store.Sequence);
            ParameterSets.AssertSame(ParameterSets.NewLonger(), LoadFresh(flash, out _));
        }

        [Fact]
        public void Load_OneBankCorrupt_TakesTheOther()
        {
            RamFlash flash = NewFlash();
            WriteImage(flash, 0, ParameterSets.Old(), 1);
            WriteImage(flash, 1, ParameterSets.NewLonger(), 2);
            byte[] raw = flash.Snapshot(1);
            raw[100] ^= 0x01;
            flash.Poke(1, raw, flash.ReportedLength(1));

            string[] values = LoadFresh(flash, out bool found);

            Assert.True(found);
            ParameterSets.AssertSame(ParameterSets.Old(), values);
        }

        [Theory]
        [InlineData(0xFFFFFFFEu)]
        [InlineData(0x7FFFFFFEu)]
        public void Save_SequenceWrapsAround_NewestStillWins(uint start)
        {
            RamFlash flash = NewFlash();
            WriteImage(flash, 0, ParameterSets.Defaults(), start);
            var store = Open(flash);
            Assert.True(store.Load(ParameterSets.Defaults()));
            Assert.Equal(start, store.Sequence);

            string[][] sets = { ParameterSets.Old(), ParameterSets.NewLonger(), ParameterSets.NewSameLength(), ParameterSets.Old() };
            for (int i = 0; i < sets.Length; i++)
            {
                Assert.True(store.Save(sets[i]));
                Assert.Equal(unchecked(start + (uint)i + 1), store.Sequence);
                Assert.Equal((i + 1) % 2, store.CurrentBank);

                var reopened = Open(flash);
                string[] values = ParameterSets.Defaults();
                Assert.True(reopened.Load(values));
                Assert.Equal(store.Sequence, reopened.Sequence);
                ParameterSets.AssertSame(sets[i], values);
            }
        }

        [Fact]
        public void IsNewer_AcrossTheWrap_ComparesBySignedDistance()
        {
            Assert.True(ParameterFlash.IsNewer(1, 0));
            Assert.True(ParameterFlash.IsNewer(0, 0xFFFFFFFF));
            Assert.True(ParameterFlash.IsNewer(5, 0xFFFFFFF0));
            Assert.False(ParameterFlash.IsNewer(0xFFFFFFFF, 0));
            Assert.False(ParameterFlash.IsNewer(7, 7));
            Assert.True(ParameterFlash.IsNewer(0x7FFFFFFF, 0));
            Assert.False(ParameterFlash.IsNewer(0x80000000, 0));
        }

        [Fact]
        public void Load_BothBanksAcrossTheWrap_TakesTheLaterOne()
        {
            RamFlash flash = NewFlash();
            WriteImage(flash, 0, ParameterSets.NewLonger(), 0);
            WriteImage(flash, 1, ParameterSets.Old(), 0xFFFFFFFF);

            var store = Open(flash);
            string[] values = ParameterSets.Defaults();
            Assert.True(store.Load(values));

            Assert.Equal(0, store.CurrentBank);
            ParameterSets.AssertSame(ParameterSets.NewLonger(), values);
        }

        [Fact]
        public void Save_WriteFails_ReturnsFalseAndOldStaysCurrent()
        {
            RamFlash flash = NewFlash();
            var store = Open(flash);
            Assert.True(store.Save(ParameterSets.Old()));
            int bank = store.CurrentBank;
            uint sequence = store.Sequence;

            flash.FailNextWrites = 1;
            Assert.False(store.Save(ParameterSets.NewLonger()));

            Assert.Equal(bank, store.CurrentBank);
            Assert.Equal(sequence, store.Sequence);
            ParameterSets.AssertSame(ParameterSets.Old(), LoadFresh(flash, out bool found));
            Assert.True(found);

            // The next attempt goes to the same spare bank and succeeds.
            Assert.True(store.Save(ParameterSets.NewLonger()));
            Assert.Equal(1 - bank, store.CurrentBank);
            ParameterSets.AssertSame(ParameterSets.NewLonger(), LoadFresh(flash, out _));
        }

        [Fact]
        public void Erase_ThenLoad_FindsNothing()
        {
            RamFlash flash = NewFlash();
            var store = Open(flash);
            Assert.True(store.Save(ParameterSets.Old()));
            Assert.True(store.Save(ParameterSets.NewLonger()));

            Assert.True(store.Erase());

            Assert.Equal(-1, store.CurrentBank);
            string[] values = LoadFresh(flash, out bool found);
            Assert.False(found);
            ParameterSets.AssertSame(ParameterSets.Defaults(), values);
        }

        [Fact]
        public void Erase_ErasesOlderBankFirst()
        {
            // A cut between the two erases must leave the newest set, not bring back an older one.
            RamFlash flash = NewFlash();
            var store = Open(flash);
            Assert.True(store.Save(ParameterSets.Old()));
            Assert.True(store.Save(ParameterSets.NewLonger()));
            Assert.Equal(1, store.CurrentBank);

            Assert.True(store.Erase());

            Assert.Equal(new[] { 0, 1 }, flash.ErasedBanks);
        }

        [Fact]
        public void Erase_FirstEraseFails_ReturnsFalseAndNewestStays()
        {
            RamFlash flash = NewFlash();
            var store = Open(flash);
            Assert.True(store.Save(ParameterSets.Old()));
            Assert.True(store.Save(ParameterSets.NewLonger()));

            flash.FailNextErases = 1;
            Assert.False(store.Erase());

            Assert.Equal(1, flash.EraseCount);
            ParameterSets.AssertSame(ParameterSets.NewLonger(), LoadFresh(flash, out bool found));
            Assert.True(found);
        }

        [Fact]
        public void Save_AfterErase_IsFoundAgain()
        {
            RamFlash flash = NewFlash();
            var store = Open(flash);
            Assert.True(store.Save(ParameterSets.Old()));
            Assert.True(store.Erase());

            Assert.True(store.Save(ParameterSets.NewSameLength()));

            ParameterSets.AssertSame(ParameterSets.NewSameLength(), LoadFresh(flash, out bool found));
            Assert.True(found);
        }

        public static IEnumerable<object[]> PowerCutCases()
        {
            foreach (bool keepsOld in new[] { false, true })
            {
                foreach (int priorSaves in new[] { 1, 2, 3 })
                {
                    foreach (string next in new[] { nameof(ParameterSets.NewLonger), nameof(ParameterSets.NewSameLength), nameof(ParameterSets.Defaults) })
                    {
                        yield return new object[] { keepsOld, priorSaves, next };
                    }
                }

                // The largest image (about 11.7 KB, some seconds per case) over a bank holding an older large one.
                yield return new object[] { keepsOld, 2, nameof(ParameterSets.NewMany) };
            }
        }

        /// <summary>
        /// THE power-cut test. Over an existing set (after one save, one bank is empty; after two
        /// or more, the target bank holds an even older set that must not come back), a save is
        /// cut after every possible number of bytes, with the rest of the bank erased or keeping
        /// the older bytes. A board reset afterwards finds exactly the old set, or, once every
        /// byte of the new image is down, exactly the new one; never anything else, never a throw.
        /// </summary>
        [Theory]
        [MemberData(nameof(PowerCutCases))]
        public void Save_PowerCutAtEveryByte_LoadGivesOldOrNewExactly(bool cutKeepsOldBytes, int priorSaves, string nextName)
        {
            string[] older = ParameterSets.AtMaxLength();
            string[] old = ParameterSets.Old();
            string[] next = ParameterSets.ByName(nextName);
            RamFlash baseline = NewFlash();
            var setup = Open(baseline);
            for (int i = priorSaves; i > 1; i--)
            {
                Assert.True(setup.Save(i == 2 ? older : ParameterSets.NewSameLength()));
            }

            Assert.True(setup.Save(old));
            int imageLength = ParameterImage.Encode(next, 0, new byte[ParameterImage.MaxImageLength], 0);

            for (int cut = 0; cut <= imageLength; cut++)
            {
                RamFlash flash = baseline.Clone();
                flash.CutKeepsOldBytes = cutKeepsOldBytes;
                var store = Open(flash);
                Assert.True(store.Load(ParameterSets.Defaults()));
                flash.CutAfterBytes = cut;

                Assert.False(store.Save(next));
                Assert.Equal(1, flash.CutCount);

                string[] values = LoadFresh(flash, out bool found);
                Assert.True(found, $"cut after {cut} of {imageLength} bytes: nothing found");
                bool isOld = ParameterSets.Same(old, values);
                bool isNew = ParameterSets.Same(next, values);
                Assert.True(isOld || isNew, $"cut after {cut} of {imageLength} bytes: neither the old nor the new set");
                Assert.True(cut == imageLength ? isNew : isOld, $"cut after {cut} of {imageLength} bytes: isNew={isNew}");

                // And the store carries on: the next save after the reset is found.
                var afterReset = Open(flash);
                afterReset.Load(ParameterSets.Defaults());
                Assert.True(afterReset.Save(next));
                ParameterSets.AssertSame(next, LoadFresh(flash, out _));
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Save_PowerCutDuringFirstSave_LoadFindsNothingOrNew(bool cutKeepsOldBytes)
        {
            string[] next = ParameterSets.Old();
            int imageLength = ParameterImage.Encode(next, 0, new byte[ParameterImage.MaxImageLength], 0);
            for (int cut = 0; cut <= imageLength; cut++)
            {
                RamFlash flash = NewFlash();
                flash.CutKeepsOldBytes = cutKeepsOldBytes;
                var store = Open(flash);
                Assert.False(store.Load(ParameterSets.Defaults()));
                flash.CutAfterBytes = cut;

                Assert.False(store.Save(next));

                string[] values = LoadFresh(flash, out bool found);
                if (cut < imageLength)
                {
                    Assert.False(found, $"cut after {cut} of {imageLength} bytes: something found");
                    ParameterSets.AssertSame(ParameterSets.Defaults(), values);
                }
                else
                {
                    Assert.True(found);
                    ParameterSets.AssertSame(next, values);
                }
            }
        }
    }
}
