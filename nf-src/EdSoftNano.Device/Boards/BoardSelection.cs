namespace EdSoftNano.Device.Boards
{
    /// <summary>
    /// The board this build is for. The selecting constant is the compilation symbol that the
    /// EdSoftBoard property of EdSoftNano.Device.nfproj defines (BOARD_ESP32_DEVKITC_SIM800L by
    /// default). It is a compile-time choice rather than a runtime one because an ESP32 build
    /// references nanoFramework.Hardware.Esp32, whose native part an STM32 firmware does not have.
    /// </summary>
    public static class BoardSelection
    {
#if BOARD_LILYGO_TCALL_SIM800L
        /// <summary>Name of the selected board's folder under boards/.</summary>
        public const string Folder = "lilygo-tcall-sim800l";

        public static BoardDefinition Create() => LilygoTCallSim800L.Create();
#elif BOARD_STM32F769I_DISCO_M95
        /// <summary>Name of the selected board's folder under boards/.</summary>
        public const string Folder = "stm32f769i-disco-m95";

        public static BoardDefinition Create() => Stm32F769IDiscoveryM95.Create();
#else
        /// <summary>Name of the selected board's folder under boards/.</summary>
        public const string Folder = "esp32-devkitc-sim800l";

        public static BoardDefinition Create() => Esp32DevKitCSim800L.Create();
#endif
    }
}
