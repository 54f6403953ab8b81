using EdSoftNano.At;
using EdSoftNano.Persistence;

namespace EdSoftNano.Parameters
{
    /// <summary>
    /// The current value of every parameter slot, kept in flash. Values are canonical text
    /// (checked by <see cref="ValueRules"/>); integers are parsed where they are used.
    /// </summary>
    public sealed class ParameterStore
    {
        private readonly string[] _values = new string[ParameterTable.SlotCount];
        private readonly ParameterFlash _flash;

        /// <param name="flash">The A/B flash store, or null for a store that forgets at reset.</param>
        public ParameterStore(ParameterFlash flash)
        {
            _flash = flash;
            LoadDefaults(_values);
            if (flash != null)
            {
                LoadedFromFlash = flash.Load(_values);
            }
        }

        /// <summary>True when start-up found a valid image in flash.</summary>
        public readonly bool LoadedFromFlash;

        /// <summary>Value of a single-slot parameter.</summary>
        public string Get(ParameterDef def) => _values[def.FirstSlot];

        /// <summary>Value of a parameter for socket id 1 or 2 (or slot 1 of a single-slot one).</summary>
        public string Get(ParameterDef def, int socketId) => _values[def.FirstSlot + socketId - 1];

        /// <summary>Integer value of an Integer or IntegerChoice parameter.</summary>
        public int GetInt(ParameterDef def, int socketId) => ValueRules.ParseDecimal(Get(def, socketId));

        /// <summary>Integer value of a single-slot Integer or IntegerChoice parameter.</summary>
        public int GetInt(ParameterDef def) => GetInt(def, 1);

        /// <summary>
        /// Sets a canonical value and writes the image to flash. Returns 0, or
        /// <see cref="ErrorCodes.EepromWriteFailed"/> when the write failed (the old value stays).
        /// </summary>
        public int Set(ParameterDef def, int socketId, string canonical)
        {
            int slot = def.FirstSlot + socketId - 1;
            string old = _values[slot];
            if (old == canonical)
            {
                return ErrorCodes.None;
            }

            _values[slot] = canonical;
            if (_flash != null && !_flash.Save(_values))
            {
                _values[slot] = old;
                return ErrorCodes.EepromWriteFailed;
            }

            return ErrorCodes.None;
        }

        /// <summary>
        /// AT#DELFLASH: erases the image. The current values stay in force until the next reset,
        /// after which the defaults apply.
        /// </summary>
        public int EraseFlash()
        {
            if (_flash != null && !_flash.Erase())
            {
                return ErrorCodes.EepromWriteFailed;
            }

            return ErrorCodes.None;
        }

        /// <summary>Fills a value array with the defaults of the table.</summary>
        public static void LoadDefaults(string[] values)
        {
            ParameterDef[] all = ParameterTable.All;
            for (int i = 0; i < all.Length; i++)
            {
                for (int s = 0; s < all[i].Slots; s++)
                {
                    values[all[i].FirstSlot + s] = all[i].Default;
                }
            }
        }
    }
}
