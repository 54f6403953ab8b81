using System;
using System.IO;
using EdSoftNano.Persistence;
using EdSoftNano.VirtualDevice;
using Xunit;

namespace EdSoftNano.Tests.Persistence
{
    public sealed class FileFlashTests : IDisposable
    {
        private readonly string _directory;
        private readonly string _path;

        public FileFlashTests()
        {
            _directory = Path.Combine(Path.GetTempPath(), "edsoftnano-fileflash-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_directory);
            _path = Path.Combine(_directory, "flash.bin");
        }

        public void Dispose()
        {
            Directory.Delete(_directory, recursive: true);
        }

        private FileFlash NewFlash() => new FileFlash(_path, 2, ParameterFlash.RecommendedBankSize);

        private static ParameterFlash Open(FileFlash flash) => new ParameterFlash(flash, new byte[flash.BankSize]);

        [Fact]
        public void ReadBank_NoFile_ReturnsZero()
        {
            FileFlash flash = NewFlash();
            var buffer = new byte[flash.BankSize];

            Assert.Equal(0, flash.ReadBank(0, buffer, 0));
            Assert.Equal(0, flash.ReadBank(1, buffer, 0));
            Assert.False(File.Exists(_path));
        }

        [Fact]
        public void WriteBank_SecondBankFirst_LeavesFirstBankErased()
        {
            FileFlash flash = NewFlash();
            var data = new byte[] { 1, 2, 3 };

            Assert.True(flash.WriteBank(1, data, 0, data.Length));

            var buffer = new byte[flash.BankSize];
            Assert.Equal(0, flash.ReadBank(0, buffer, 0));
            Assert.Equal(flash.BankSize, flash.ReadBank(1, buffer, 0));
            Assert.Equal(data, buffer.AsSpan(0, 3).ToArray());
            Assert.All(buffer.AsSpan(3).ToArray(), b => Assert.Equal(0xFF, b));
            Assert.Equal(2L * flash.BankSize, new FileInfo(_path).Length);
        }

        [Fact]
        public void WriteBank_TouchesOnlyItsOwnBank()
        {
            FileFlash flash = NewFlash();
            Assert.True(flash.WriteBank(0, new byte[] { 0xAA, 0xBB }, 0, 2));
            Assert.True(flash.WriteBank(1, new byte[] { 0xCC }, 0, 1));
            Assert.True(flash.WriteBank(1, new byte[] { 0xDD }, 0, 1));

            var buffer = new byte[flash.BankSize];
            flash.ReadBank(0, buffer, 0);
            Assert.Equal(new byte[] { 0xAA, 0xBB, 0xFF }, buffer.AsSpan(0, 3).ToArray());
            flash.ReadBank(1, buffer, 0);
            Assert.Equal(new byte[] { 0xDD, 0xFF }, buffer.AsSpan(0, 2).ToArray());
        }

        [Fact]
        public void WriteBank_BadArguments_ReturnsFalse()
        {
            FileFlash flash = NewFlash();
            var data = new byte[flash.BankSize + 1];
            Assert.False(flash.WriteBank(2, data, 0, 1));
            Assert.False(flash.WriteBank(-1, data, 0, 1));
            Assert.False(flash.WriteBank(0, data, 0, data.Length));
            Assert.False(flash.WriteBank(0, data, 2, data.Length - 1));
            Assert.False(flash.WriteBank(0, null, 0, 0));
        }

        [Fact]
        public void ReadBank_FileCutShort_ReadsMissingBytesAsErased()
        {
            FileFlash flash = NewFlash();
            File.WriteAllBytes(_path, new byte[] { 9, 8, 7 });
            var buffer = new byte[flash.BankSize];

            Assert.Equal(flash.BankSize, flash.ReadBank(0, buffer, 0));
            Assert.Equal(new byte[] { 9, 8, 7, 0xFF }, buffer.AsSpan(0, 4).ToArray());
            Assert.Equal(0, flash.ReadBank(1, buffer, 0));
        }

        [Fact]
        public void ReadBank_BufferTooSmall_ReturnsMinusOne()
        {
            FileFlash flash = NewFlash();
            Assert.Equal(-1, flash.ReadBank(0, new byte[flash.BankSize - 1], 0));
            Assert.Equal(-1, flash.ReadBank(0, new byte[flash.BankSize], 1));
        }

        [Fact]
        public void ParameterFlash_SaveThenNewInstance_LoadsSavedValues()
        {
            var store = Open(NewFlash());
            Assert.False(store.Load(ParameterSets.Defaults()));
            Assert.True(store.Save(ParameterSets.Old()));
            Assert.True(store.Save(ParameterSets.NewLonger()));

            // A new FileFlash over the same file: the virtual device restarted.
            var reopened = Open(NewFlash());
            string[] values = ParameterSets.Defaults();
            Assert.True(reopened.Load(values));

            ParameterSets.AssertSame(ParameterSets.NewLonger(), values);
            Assert.Equal(2u, reopened.Sequence);
        }

        [Fact]
        public void ParameterFlash_EveryValueAtMaxLength_RoundTrips()
        {
            Assert.True(Open(NewFlash()).Save(ParameterSets.AtMaxLength()));

            string[] values = ParameterSets.Defaults();
            Assert.True(Open(NewFlash()).Load(values));
            ParameterSets.AssertSame(ParameterSets.AtMaxLength(), values);
        }

        [Fact]
        public void ParameterFlash_Erase_NextLoadFindsNothing()
        {
            var store = Open(NewFlash());
            Assert.True(store.Save(ParameterSets.Old()));
            Assert.True(store.Save(ParameterSets.NewLonger()));

            Assert.True(store.Erase());

            string[] values = ParameterSets.Defaults();
            Assert.False(Open(NewFlash()).Load(values));
            ParameterSets.AssertSame(ParameterSets.Defaults(), values);
            var buffer = new byte[ParameterFlash.RecommendedBankSize];
            Assert.Equal(0, NewFlash().ReadBank(0, buffer, 0));
            Assert.Equal(0, NewFlash().ReadBank(1, buffer, 0));
        }

        [Fact]
        public void ParameterFlash_TornFileBank_LoadsOtherBank()
        {
            var store = Open(NewFlash());
            Assert.True(store.Save(ParameterSets.Old()));
            Assert.True(store.Save(ParameterSets.NewLonger()));

            // Damage the newer image (bank 1) in the file itself.
            using (var stream = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite))
            {
                stream.Position = ParameterFlash.RecommendedBankSize + 40;
                stream.WriteByte(0x00);
            }

            string[] values = ParameterSets.Defaults();
            Assert.True(Open(NewFlash()).Load(values));
            ParameterSets.AssertSame(ParameterSets.Old(), values);
        }
    }
}
