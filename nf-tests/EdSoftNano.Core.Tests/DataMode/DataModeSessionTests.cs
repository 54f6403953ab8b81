using System;
using System.Text;
using EdSoftNano.App;
using EdSoftNano.At;
using EdSoftNano.DataMode;
using EdSoftNano.Simulation;
using Xunit;

namespace EdSoftNano.Tests.DataMode
{
    /// <summary>
    /// The host-visible transitions around data mode, byte-exact through the ResponseWriter
    /// (spec 4.2, 4.3, 5.2, 5.4, 6.2, 6.4, A.7, A.8; verbose ATV1 unless said).
    /// </summary>
    public class DataModeSessionTests
    {
        private const string Etx = "\u0003";

        private readonly ScriptedHostLink _host = new ScriptedHostLink();
        private readonly LoopbackConnection _connection = new LoopbackConnection();
        private readonly ResponseWriter _writer;
        private readonly DataModeSession _session;
        private long _now;

        public DataModeSessionTests()
        {
            _writer = new ResponseWriter(_host, new byte[Budget.HostWrite]);
            var pump = new DataPump(_host, new byte[Budget.HostToNetworkRing], new byte[Budget.NetworkToHostRing], new byte[Budget.DataScratch]);
            _session = new DataModeSession(_writer, pump);
        }

        [Fact]
        public void Start_Tcp_WritesWaitingForDataAndEntersDataMode()
        {
            _session.Start(_connection, DataPumpSettings.Tcp(true, 0), ResultCode.WaitingForData, DataEndReplies.TcpSocket, _now);
            Assert.Equal("\r\nOk_Info_WaitingForData\r\n", _host.TakeOutput());
            Assert.Equal(DataModeState.Data, _session.State);
            Assert.True(_session.Busy);
        }

        [Fact]
        public void Start_FtpGet_WritesDataBegin()
        {
            _session.Start(_connection, DataPumpSettings.Ftp(), ResultCode.DataBegin, DataEndReplies.ByService, _now);
            Assert.Equal("\r\nOk_Info_DataBegin\r\n", _host.TakeOutput());
        }

        [Fact]
        public void Feed_TcpHostEtx_ClosesTheSocketAnswersOkAndLeavesTheNextCommand()
        {
            // Spec A.8.1: the socket closed locally by the host's ETX → OK.
            StartTcp();
            byte[] input = Latin1("hi" + "\u0010\u0003" + Etx + "AT\r");
            int used = Feed(input);

            Assert.Equal(input.Length - 3, used);
            Assert.Equal("\r\nOK\r\n", _host.TakeOutput());
            Assert.True(_connection.Closed);
            Assert.Equal(DataModeState.Idle, _session.State);
            Assert.False(_session.Busy);
            Assert.Equal(0, Feed(input));
        }

        [Fact]
        public void Poll_TcpRemoteClose_WritesDataEtxSocketClosedOk()
        {
            // Spec A.8.1: closed by the remote → ETX, Ok_Info_SocketClosed, OK.
            StartTcp();
            _connection.Inject(Latin1("data\u0003"));
            _connection.PeerClose();
            Poll();

            Assert.Equal("data\u0010\u0003" + Etx + "\r\nOk_Info_SocketClosed\r\n\r\nOK\r\n", _host.TakeOutput());
            Assert.True(_connection.Closed);
            Assert.Equal(DataPumpState.RemoteClosed, _session.Outcome);
            Assert.False(_session.Busy);
        }

        [Fact]
        public void Poll_TcpFailureAfterDataStarted_WritesEtxThenCmeError()
        {
            // Spec 5.4: "If this error occurs once the TCP connection opened, it is preceded by an ETX".
            StartTcp();
            _connection.Fail(ErrorCodes.DataSendFailed);
            Poll();

            Assert.Equal(Etx + "\r\n#CME ERROR: 38017\r\n", _host.TakeOutput());
            Assert.True(_connection.Closed);
            Assert.Equal(DataPumpState.Failed, _session.Outcome);
            Assert.Equal(ErrorCodes.DataSendFailed, _session.OutcomeError);
            Assert.False(_session.Busy);
        }

        [Fact]
        public void Poll_TcpRemoteCloseInNumericMode_WritesNumericCodes()
        {
            _writer.Verbose = false;
            StartTcp();
            Assert.Equal("1028\r", _host.TakeOutput());
            _connection.PeerClose();
            Poll();
            Assert.Equal(Etx + "3074\r0\r", _host.TakeOutput());
        }

        [Fact]
        public void Feed_TcpDleMode0_EtxIsDataAndTheSocketStaysOpen()
        {
            _session.Start(_connection, DataPumpSettings.Tcp(false, 0), ResultCode.WaitingForData, DataEndReplies.TcpSocket, _now);
            _host.TakeOutput();
            byte[] input = Latin1(Etx + "x" + Etx);
            Assert.Equal(3, Feed(input));
            Poll();

            Assert.Equal(Etx + "x" + Etx, _host.TakeOutput());
            Assert.True(_session.Busy);
            Assert.False(_connection.Closed);
        }

        [Fact]
        public void Feed_UdpHostEtx_WritesEtxSocketClosedOk()
        {
            // Spec 6.4 table: AT#OUDP → Ok_Info_WaitingForData <ETX> Ok_Info_SocketClosed OK.
            _session.Start(_connection, DataPumpSettings.Udp(0, 1000), ResultCode.WaitingForData, DataEndReplies.UdpSocket, _now);
            Feed(Latin1("abc" + Etx));

            Assert.Equal("\r\nOk_Info_WaitingForData\r\n" + Etx + "\r\nOk_Info_SocketClosed\r\n\r\nOK\r\n", _host.TakeOutput());
            Assert.True(_connection.Closed);
            Assert.False(_session.Busy);
        }

        [Fact]
        public void Poll_FtpGetRemoteEnd_WritesEtxAndWaitsForTheService()
        {
            // Spec 4.2: data, ETX at the end of the file, then OK once the FTP process completed.
            _session.Start(_connection, DataPumpSettings.Ftp(), ResultCode.DataBegin, DataEndReplies.ByService, _now);
            _connection.Inject(Latin1("file\u0010"));
            _connection.PeerClose();
            Poll();

            Assert.Equal("\r\nOk_Info_DataBegin\r\nfile\u0010\u0010" + Etx, _host.TakeOutput());
            Assert.Equal(DataModeState.Ending, _session.State);
            Assert.True(_session.Busy);
            Assert.False(_connection.Closed);
            Assert.Equal(0, Feed(Latin1("AT\r")));

            _session.Finish();
            Assert.Equal("\r\nOK\r\n", _host.TakeOutput());
            Assert.False(_session.Busy);
        }

        [Fact]
        public void Fail_FtpAfterItsEtx_DoesNotSendASecondEtx()
        {
            _session.Start(_connection, DataPumpSettings.Ftp(), ResultCode.DataBegin, DataEndReplies.ByService, _now);
            _connection.PeerClose();
            Poll();
            _host.TakeOutput();

            _session.Fail(ErrorCodes.DataRetrieveFailed);
            Assert.Equal("\r\n#CME ERROR: 38024\r\n", _host.TakeOutput());
        }

        [Fact]
        public void Fail_FtpPutWhileDataRuns_WritesEtxThenCmeError()
        {
            // Spec 4.3: an error once the data transfer started is preceded by an ETX character.
            _session.Start(_connection, DataPumpSettings.Ftp(), ResultCode.WaitingForData, DataEndReplies.ByService, _now);
            Feed(Latin1("part"));
            _host.TakeOutput();

            _session.Fail(ErrorCodes.DataSendFailed);
            Assert.Equal(Etx + "\r\n#CME ERROR: 38017\r\n", _host.TakeOutput());
            Assert.False(_session.Busy);
        }

        [Fact]
        public void Feed_FtpPutHostEtx_LeavesTheFinalResultToTheService()
        {
            // Spec 4.3 / A.7.1: ETX from the host, then OK when the FTP process completed.
            _session.Start(_connection, DataPumpSettings.Ftp(), ResultCode.WaitingForData, DataEndReplies.ByService, _now);
            _host.TakeOutput();
            Feed(Latin1("file" + Etx));

            Assert.Equal("", _host.TakeOutput());
            Assert.Equal(DataModeState.Ending, _session.State);
            Assert.Equal(DataPumpState.HostEnded, _session.Outcome);
            Assert.Equal(4, _connection.BytesSent);
        }

        [Fact]
        public void Fail_PutMail_WritesNoEtx()
        {
            _session.Start(_connection, DataPumpSettings.Mail(), ResultCode.WaitingForData, DataEndReplies.ByServiceUnmarked, _now);
            _host.TakeOutput();
            Feed(Latin1("body\r\n"));
            _session.Fail(ErrorCodes.NetworkInactivityTimeout);
            Assert.Equal("\r\n#CME ERROR: " + ErrorCodes.NetworkInactivityTimeout + "\r\n", _host.TakeOutput());
        }

        [Fact]
        public void Start_AfterAnEndedSession_StartsClean()
        {
            StartTcp();
            Feed(Latin1("\u0010" + Etx));
            _connection.PeerClose();
            Poll();
            _host.TakeOutput();

            var second = new LoopbackConnection();
            _session.Start(second, DataPumpSettings.Tcp(true, 0), ResultCode.WaitingForData, DataEndReplies.TcpSocket, _now);
            Feed(Latin1("z" + Etx));
            Assert.Equal("\r\nOk_Info_WaitingForData\r\n\r\nOK\r\n", _host.TakeOutput());
            Assert.Equal(1, second.BytesSent);
        }

        private void StartTcp()
        {
            _session.Start(_connection, DataPumpSettings.Tcp(true, 0), ResultCode.WaitingForData, DataEndReplies.TcpSocket, _now);
            if (_writer.Verbose)
            {
                _host.TakeOutput();
            }
        }

        private int Feed(byte[] bytes) => _session.Feed(bytes, 0, bytes.Length, _now);

        private void Poll()
        {
            for (int i = 0; i < 5; i++)
            {
                _connection.Tick();
                _session.Poll(_now++);
            }
        }

        private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
    }
}
