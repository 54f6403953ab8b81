using System;
using System.Collections.Generic;
using EdSoftNano.Ppp;
using EdSoftNano.Ppp.Auth;
using EdSoftNano.Simulation;
using EdSoftNano.Tests.Ppp;

namespace EdSoftNano.Tests.Support
{
    /// <summary>
    /// The far end of the simulated modem's data call on virtual time: one of our own PppLinks (an
    /// ISP's server, or a dialling-in client), polled whenever the modem moves bytes. It can fall
    /// silent (a dead peer), hang up, or have the modem say NO CARRIER inside the stream.
    /// </summary>
    public sealed class PppCallPeer : IDataCallPeer
    {
        private readonly Action<PppLink, PppAuthenticator> _configure;
        private DuplexByteLink _ours;
        private DuplexByteLink _theirs;
        private HdlcDecoder _tap;

        /// <param name="configure">Sets the peer's role, addresses and credentials before each call starts.</param>
        public PppCallPeer(Action<PppLink, PppAuthenticator> configure)
        {
            _configure = configure;
        }

        /// <summary>The firmware's virtual clock (set once the harness exists).</summary>
        public VirtualClock Clock { get; set; }

        /// <summary>The peer's PPP of the current call.</summary>
        public PppLink Link { get; private set; }

        public int Calls { get; private set; }

        public int HangUps { get; private set; }

        /// <summary>The peer stops answering (its side of the call is dead, the call itself stays).</summary>
        public bool Silent { get; set; }

        public bool Ended { get; set; }

        /// <summary>The peer never answers from the call's first byte on (an ISP that does not speak PPP).</summary>
        public bool SilentFromStart { get; set; }

        /// <summary>The LCP codes the peer had received when the call was hung up.</summary>
        public int[] LcpCodesAtHangUp { get; private set; } = new int[0];

        /// <summary>Every LCP code the peer received, in order (Terminate-Request = 5).</summary>
        public List<int> LcpCodesReceived { get; } = new List<int>();

        public void Connected()
        {
            Calls++;
            Ended = false;
            Silent = SilentFromStart;
            DuplexByteLink.Pair(out _ours, out _theirs);
            _tap = new HdlcDecoder(new byte[1600]);
            _tap.Configure(0, 1500);
            Link = new PppLink(_theirs, 0xC0FFEE);
            var auth = new PppAuthenticator(Link, new byte[AuthCodec.TxBufferLength], 0xBEEF);
            Link.SetAuthenticator(new PppAuthenticatorHook(auth));
            _configure(Link, auth);
            Link.Start(Clock.NowMs);
        }

        public void Send(byte[] buffer, int offset, int count)
        {
            if (_ours == null || Silent)
            {
                return;
            }

            Note(buffer, offset, count);
            _ours.Write(buffer, offset, count);
            Link.Poll(Clock.NowMs);
        }

        public int Receive(byte[] buffer, int offset, int count)
        {
            if (_ours == null)
            {
                return 0;
            }

            if (!Silent)
            {
                Link.Poll(Clock.NowMs);
            }

            int n = _ours.Read(buffer, offset, count, 0);
            return n < 0 ? 0 : n;
        }

        /// <summary>Queues raw bytes from the far side onto the call (e.g. the modem's own "NO CARRIER" text).</summary>
        public void Inject(string text)
        {
            var bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) { bytes[i] = (byte)text[i]; }
            _theirs.Write(bytes, 0, bytes.Length);
        }

        public void HangUp()
        {
            if (_ours != null)
            {
                HangUps++;
                LcpCodesAtHangUp = LcpCodesReceived.ToArray();
            }

            _ours = null;
        }

        // LCP packets as they leave the device: 7E (FF 7D 23) (C0 21) code …, stuffed or not.
        private void Note(byte[] buffer, int offset, int count)
        {
            HdlcDecoder decoder = _tap;
            int at = offset, end = offset + count;
            while (at < end)
            {
                at += decoder.Decode(buffer, at, end - at);
                if (decoder.FrameReady && decoder.Protocol == PppProtocol.Lcp && decoder.InfoLength > 0)
                {
                    LcpCodesReceived.Add(decoder.Buffer[decoder.InfoOffset]);
                }
            }
        }
    }
}
