namespace EdSoftNano.Device.Tests.Bindings
{
    /// <summary>
    /// Where the binding tests run: an ESP32-DevKitC (ESP32-WROOM-32) flashed with ESP32_REV3,
    /// built with /p:EdSoftBoardTests=true and run with board.runsettings. The serial test needs
    /// one jumper wire on the board: GPIO17 (COM2 TX) to GPIO16 (COM2 RX). Nothing else may be
    /// connected to those pins while it runs. The network tests need the board on a Wi-Fi network
    /// with a DHCP lease (SSID and password in the configuration block: docs/run-on-a-board.md)
    /// and a TCP echo server at <see cref="EchoHost"/>:<see cref="EchoPort"/>.
    /// </summary>
    public static class BindingSetup
    {
        /// <summary>Folder on the internal littlefs drive used by the flash tests (deleted bank by bank).</summary>
        public const string FlashFolder = "I:\\edsoft-test";

        public const string LoopbackPort = "COM2";

        public const int LoopbackTxPin = 17;

        public const int LoopbackRxPin = 16;

        public const int LoopbackBaud = 115200;

        /// <summary>
        /// The TCP echo server of the network tests: tcpbin.com's public echo on port 4242, resolved
        /// through the DNS servers the Wi-Fi's DHCP gave. Without internet access, run an echo on a
        /// PC of the same network (<c>socat TCP-LISTEN:4242,fork,reuseaddr EXEC:cat</c>) and put its
        /// dotted quad here (a literal resolves at once, without DNS).
        /// </summary>
        public const string EchoHost = "tcpbin.com";

        public const int EchoPort = 4242;

        /// <summary>An address nobody answers (RFC 5737 TEST-NET-1): a connect to it stays under way until closed.</summary>
        public const uint SilentAddress = (192u << 24) | (0u << 16) | (2u << 8) | 1u;

        /// <summary>How long a network step (join, DNS, connect, echo) may take before the test fails.</summary>
        public const int NetworkTimeoutMs = 15000;
    }
}
