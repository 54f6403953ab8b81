using EdSoftNano.At;
using EdSoftNano.DataMode;
using EdSoftNano.Modem;
using EdSoftNano.Parameters;
using EdSoftNano.Persistence;
using EdSoftNano.Ports;
using EdSoftNano.Services;
using EdSoftNano.Session;

namespace EdSoftNano.App
{
    /// <summary>
    /// The whole firmware wired to its ports: parameter store in flash, AT interpreter on the
    /// host link, the modem behind it. The board and the virtual device call <see cref="Step"/>
    /// forever; tests call it on virtual time.
    /// </summary>
    public sealed class Firmware
    {
        private readonly IByteLink _host;
        private readonly IClock _clock;
        private readonly byte[] _hostRead;
        private readonly AtInterpreter _interpreter;
        private readonly ModemChannel _modem;
        /// <summary>Most host reads one <see cref="Step"/> feeds to a data-mode action.</summary>
        public const int ReadsPerDataStep = 16;

        private int _pendingOffset;
        private int _pendingCount;
        private bool _hostEnded;

        /// <param name="bearer">The network layer over the modem's data call; null for a device without one.</param>
        /// <param name="actions">Replaces the session (tests of the interpreter); null for the real one.</param>
        public Firmware(IByteLink host, IByteLink modem, IFlash flash, IClock clock, IBearer bearer, IActionHandler actions)
            : this(host, modem, flash, clock, bearer, actions, BufferPlan.Board())
        {
        }

        /// <param name="buffers">The data-path buffer sizes (the board's: <see cref="BufferPlan.Board"/>).</param>
        public Firmware(IByteLink host, IByteLink modem, IFlash flash, IClock clock, IBearer bearer, IActionHandler actions, BufferPlan buffers)
        {
            _host = host;
            _clock = clock;
            _hostRead = new byte[buffers.HostRead];
            ParameterFlash store = flash == null ? null : new ParameterFlash(flash, new byte[Budget.FlashBank]);
            Parameters = new ParameterStore(store);
            Writer = new ResponseWriter(host, new byte[Budget.HostWrite]);
            _modem = new ModemChannel(modem, new HostRelay(Writer), new byte[Budget.ModemIo], new byte[Budget.ModemLine]);
            if (actions == null)
            {
                Session = new ConnectionSession(_modem, Parameters, Writer, bearer);
                var pump = new DataPump(host, new byte[buffers.HostToNetworkRing], new byte[buffers.NetworkToHostRing], new byte[buffers.DataScratch]);
                Services = new ServiceContext(Parameters, Writer, new DataModeSession(Writer, pump), Session);
                Session.Services = new ServiceHub(Services, ServiceCatalog.Create(Services));
                actions = Session;
            }

            Actions = actions;
            _interpreter = new AtInterpreter(Writer, new LineAssembler(new byte[Budget.CommandLine]),
                new TextEntry(new byte[Budget.TextEntry]), Parameters, _modem, Actions);
        }

        public ParameterStore Parameters { get; }

        public ResponseWriter Writer { get; }

        public IActionHandler Actions { get; }

        /// <summary>The session state machine (null when a test replaced the actions).</summary>
        public ConnectionSession Session { get; }

        /// <summary>What the services share (null when a test replaced the actions).</summary>
        public ServiceContext Services { get; }

        public ModemChannel Modem => _modem;

        public AtInterpreter Interpreter => _interpreter;

        /// <summary>True while bytes read from the host wait for the interpreter to take them.</summary>
        public bool InputPending => _pendingCount > 0;

        /// <summary>True once the host link has ended and everything it asked for is done.</summary>
        public bool Finished => _hostEnded && _pendingCount == 0 && !_interpreter.Busy && Actions.Settled;

        /// <summary>Runs the modem's start-up script (echo off, URCs on); call once before the first Step.</summary>
        public void Start() => _modem.Start(_clock.NowMs);

        /// <summary>
        /// One turn of the main loop: relays the modem, reads the host (waiting at most
        /// <paramref name="waitMs"/> when there is nothing else to do) and feeds the interpreter.
        /// Returns false once <see cref="Finished"/>.
        /// </summary>
        public bool Step(int waitMs)
        {
            _interpreter.Poll(_clock.NowMs);

            // In data mode one turn takes several host reads, so a fast host is not held to one read
            // per turn; the pump's rings push back when the connection is slower.
            for (int read = 0; read < ReadsPerDataStep; read++)
            {
                if (_pendingCount == 0 && !_hostEnded)
                {
                    int n = _host.Read(_hostRead, 0, _hostRead.Length, read > 0 || _interpreter.Busy ? 0 : waitMs);
                    if (n < 0)
                    {
                        _hostEnded = true;
                    }
                    else
                    {
                        _pendingOffset = 0;
                        _pendingCount = n;
                    }
                }

                if (_pendingCount == 0)
                {
                    break;
                }

                int used = _interpreter.Feed(_hostRead, _pendingOffset, _pendingCount, _clock.NowMs);
                _pendingOffset += used;
                _pendingCount -= used;
                if (used == 0 || !Actions.Busy)
                {
                    break;
                }
            }

            _interpreter.Poll(_clock.NowMs);
            return !Finished;
        }
    }
}
