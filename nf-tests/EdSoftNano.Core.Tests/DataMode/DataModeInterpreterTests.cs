using EdSoftNano.App;
using EdSoftNano.At;
using EdSoftNano.DataMode;
using EdSoftNano.Parameters;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Support;
using Xunit;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>
    /// Data mode inside the whole firmware: a stand-in #OTCP service plugs a loopback connection
    /// into a <see cref="DataModeSession"/>; the interpreter passes host bytes to it while it is
    /// busy and takes commands again, cleanly, after data mode ends.
    /// </summary>
    public class DataModeInterpreterTests
    {
        private const string Etx = "\u0003";

        [Fact]
        public void HostEtx_ThenCommandInTheSameRead_OkThenTheCommandsAnswer()
        {
            var (device, _) = Device(echo: false);
            Assert.Equal("\r\nOk_Info_WaitingForData\r\n", device.Type("AT#OTCP=1\r"));

            Assert.Equal("\r\nOK\r\n" + "\r\nOK\r\n", device.Type("hello" + Etx + "AT\r"));
            Assert.Equal("\r\nOK\r\n", device.Send("AT\r"));
        }

        [Fact]
        public void DataMode_WithEchoOn_EchoesNothingAndEchoesCommandsAfterwards()
        {
            var (device, _) = Device(echo: true);
            Assert.Equal("AT#OTCP=1\r" + "\r\nOk_Info_WaitingForData\r\n", device.Type("AT#OTCP=1\r"));
            Assert.Equal("\r\nOK\r\n", device.Type("AT\u0010" + Etx + "\r" + Etx));
            Assert.Equal("AT\r\r\nOK\r\n", device.Send("AT\r"));
        }

        [Fact]
        public void RemoteClose_EtxSocketClosedOk_ThenCommandsWork()
        {
            var (device, actions) = Device(echo: false);
            device.Type("AT#OTCP=1\r");
            actions.Connection.Inject(System.Text.Encoding.Latin1.GetBytes("abc"));
            actions.Connection.PeerClose();

            Assert.Equal("abc" + Etx + "\r\nOk_Info_SocketClosed\r\n\r\nOK\r\n", device.Wait(20, 1));
            Assert.Equal("\r\nOK\r\n", device.Send("AT\r"));
        }

        private static (DeviceHarness, OtcpStandIn) Device(bool echo)
        {
            var actions = new OtcpStandIn();
            var device = new DeviceHarness(actions: actions, echo: echo);
            actions.Bind(device.Firmware.Writer, device.Host);
            return (device, actions);
        }

        /// <summary>#OTCP without a network: the loopback is the peer.</summary>
        private sealed class OtcpStandIn : IActionHandler
        {
            private DataModeSession _session;

            public LoopbackConnection Connection { get; } = new LoopbackConnection();

            public void Bind(ResponseWriter writer, Ports.IByteLink host)
            {
                var pump = new DataPump(host, new byte[Budget.HostToNetworkRing], new byte[Budget.NetworkToHostRing], new byte[Budget.DataScratch]);
                _session = new DataModeSession(writer, pump);
            }

            public bool Busy => _session != null && _session.Busy;

            public bool Settled => !Busy;

            public string StateName => "IDLE";

            public int Start(ActionCommand command, int socketId, long nowMs)
            {
                if (command != ActionCommand.Otcp)
                {
                    return ErrorCodes.UnknownCommand;
                }

                _session.Start(Connection, DataPumpSettings.Tcp(true, 0), ResultCode.WaitingForData, DataEndReplies.TcpSocket, nowMs);
                return ErrorCodes.None;
            }

            public int Feed(byte[] buffer, int offset, int count, long nowMs) => _session.Feed(buffer, offset, count, nowMs);

            public void Poll(long nowMs)
            {
                Connection.Tick();
                _session?.Poll(nowMs);
            }

            public bool IsRunning(ServiceTag service, int socketId) => false;
        }
    }
}
