using System;
using EdSoftNano.Parameters;
using EdSoftNano.Persistence;
using Xunit;

namespace EdSoftNano.Tests.Persistence
{
    /// <summary>Value arrays for the persistence tests.</summary>
    internal static class ParameterSets
    {
        public static string[] Defaults()
        {
            var values = new string[ParameterTable.SlotCount];
            foreach (ParameterDef def in ParameterTable.All)
            {
                for (int s = 0; s < def.Slots; s++)
                {
                    values[def.FirstSlot + s] = def.Default;
                }
            }

            return values;
        }

        public static string[] Empty()
        {
            var values = new string[ParameterTable.SlotCount];
            Array.Fill(values, string.Empty);
            return values;
        }

        /// <summary>Every slot at its longest, with characters from the whole ASCII range (CR/LF too).</summary>
        public static string[] AtMaxLength()
        {
            var values = new string[ParameterTable.SlotCount];
            foreach (ParameterDef def in ParameterTable.All)
            {
                for (int s = 0; s < def.Slots; s++)
                {
                    int slot = def.FirstSlot + s;
                    var chars = new char[ParameterImage.MaxValueLength(def)];
                    for (int i = 0; i < chars.Length; i++)
                    {
                        chars[i] = (char)((slot * 7 + i) % 128);
                    }

                    values[slot] = new string(chars);
                }
            }

            return values;
        }

        /// <summary>Defaults with several parameters changed: the "old" set of the store tests.</summary>
        public static string[] Old()
        {
            string[] values = Defaults();
            values[ParameterTable.AnswerMode.FirstSlot] = "2";
            values[ParameterTable.ApnServ.FirstSlot] = "internet.example.net";
            values[ParameterTable.SmtpServ.FirstSlot] = "smtp.example.org";
            values[ParameterTable.Rec1.FirstSlot] = "a@example.org,b@example.org";
            values[ParameterTable.Body1.FirstSlot] = "Line one\r\nLine two";
            values[ParameterTable.TcpPort.FirstSlot + 1] = "8080";
            return values;
        }

        /// <summary>The old set with one parameter changed to a value of another length.</summary>
        public static string[] NewLonger()
        {
            string[] values = Old();
            values[ParameterTable.SmtpServ.FirstSlot] = "mail.relay.example.org";
            return values;
        }

        /// <summary>The old set with one character changed: an image of the same length.</summary>
        public static string[] NewSameLength()
        {
            string[] values = Old();
            values[ParameterTable.TcpPort.FirstSlot + 1] = "8081";
            return values;
        }

        /// <summary>The old set with many values changed, long lists included.</summary>
        public static string[] NewMany()
        {
            string[] values = AtMaxLength();
            values[ParameterTable.AnswerMode.FirstSlot] = "3";
            return values;
        }

        public static string[] ByName(string name) => name switch
        {
            nameof(Defaults) => Defaults(),
            nameof(Old) => Old(),
            nameof(NewLonger) => NewLonger(),
            nameof(NewSameLength) => NewSameLength(),
            nameof(NewMany) => NewMany(),
            nameof(AtMaxLength) => AtMaxLength(),
            _ => throw new ArgumentException(name),
        };

        public static void AssertSame(string[] expected, string[] actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(expected[i] == actual[i], $"slot {i}: expected \"{expected[i]}\", got \"{actual[i]}\"");
            }
        }

        public static bool Same(string[] a, string[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
