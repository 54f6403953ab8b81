using System;
using System.Collections.Generic;
using EdSoftNano.Ports;

namespace EdSoftNano.Tests.Services.Ping
{
    /// <summary>
    /// An <see cref="INetStack"/> on virtual time for the PING service: names resolve from a table,
    /// each echo request takes the next scripted round-trip time (-1: never answered, reported
    /// Failed once its timeout has passed). Sockets are not used by PING and throw.
    /// </summary>
    public sealed class FakePingStack : INetStack
    {
        private readonly Dictionary<string, uint> _names = new Dictionary<string, uint>();
        private readonly Queue<int> _replies = new Queue<int>();
        private readonly Dictionary<int, long[]> _pings = new Dictionary<int, long[]>(); // id → sent, timeout, rtt
        private int _nextId = 1;

        /// <summary>When each echo request was sent, and to whom.</summary>
        public List<long> SentAtMs { get; } = new List<long>();

        public List<uint> SentTo { get; } = new List<uint>();

        public List<int> Timeouts { get; } = new List<int>();

        /// <summary>Lookups still waiting for an answer.</summary>
        public int PendingLookups { get; private set; }

        /// <summary>Makes <paramref name="name"/> resolve to <paramref name="address"/>.</summary>
        public FakePingStack Name(string name, uint address)
        {
            _names[name] = address;
            return this;
        }

        /// <summary>Scripts the next echo replies: a round-trip time in ms, or -1 for a lost request.</summary>
        public FakePingStack Replies(params int[] roundTrips)
        {
            foreach (int rtt in roundTrips)
            {
                _replies.Enqueue(rtt);
            }

            return this;
        }

        /// <summary>Pings still out (a finished service leaves none).</summary>
        public int PingsOut => _pings.Count;

        public int ResolveStart(string name, uint dns1, uint dns2, long nowMs)
        {
            PendingLookups++;
            _lookups[_nextId] = name;
            return _nextId++;
        }

        private readonly Dictionary<int, string> _lookups = new Dictionary<int, string>();

        public NetQueryResult ResolveResult(int query, long nowMs, out uint address)
        {
            address = 0;
            string name = _lookups[query];
            _lookups.Remove(query);
            PendingLookups--;
            if (name.Length > 0 && char.IsDigit(name[0]))
            {
                string[] parts = name.Split('.');
                address = (uint.Parse(parts[0]) << 24) | (uint.Parse(parts[1]) << 16) | (uint.Parse(parts[2]) << 8) | uint.Parse(parts[3]);
                return NetQueryResult.Done;
            }

            return _names.TryGetValue(name, out address) ? NetQueryResult.Done : NetQueryResult.Failed;
        }

        public void ResolveCancel(int query)
        {
            if (_lookups.Remove(query))
            {
                PendingLookups--;
            }
        }

        public int PingStart(uint address, int timeoutMs, long nowMs)
        {
            int rtt = _replies.Count > 0 ? _replies.Dequeue() : -1;
            SentAtMs.Add(nowMs);
            SentTo.Add(address);
            Timeouts.Add(timeoutMs);
            _pings[_nextId] = new long[] { nowMs, timeoutMs, rtt };
            return _nextId++;
        }

        public NetQueryResult PingResult(int query, long nowMs, out int roundTripMs)
        {
            long[] ping = _pings[query];
            roundTripMs = 0;
            long elapsed = nowMs - ping[0];
            if (ping[2] >= 0 && elapsed >= ping[2])
            {
                roundTripMs = (int)ping[2];
                _pings.Remove(query);
                return NetQueryResult.Done;
            }

            if (elapsed >= ping[1])
            {
                _pings.Remove(query);
                return NetQueryResult.Failed;
            }

            return NetQueryResult.Pending;
        }

        public void PingCancel(int query) => _pings.Remove(query);

        public int TcpConnect(uint address, int port) => throw new NotSupportedException();
        public int TcpListen(int localPort) => throw new NotSupportedException();
        public int Accept(int listener) => throw new NotSupportedException();
        public int UdpOpen(int localPort) => throw new NotSupportedException();
        public int UdpConnect(uint address, int port) => throw new NotSupportedException();
        public int Send(int socket, byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public int Receive(int socket, byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public int SendTo(int socket, byte[] buffer, int offset, int count, uint address, int port) => throw new NotSupportedException();

        public int ReceiveFrom(int socket, byte[] buffer, int offset, int count, out uint address, out int port)
            => throw new NotSupportedException();

        public SocketState State(int socket) => throw new NotSupportedException();
        public int Error(int socket) => throw new NotSupportedException();

        public bool GetLocal(int socket, out uint address, out int port)
        {
            address = 0;
            port = 0;
            return false;
        }

        public bool GetRemote(int socket, out uint address, out int port)
        {
            address = 0;
            port = 0;
            return false;
        }

        public void Close(int socket)
        {
        }
    }
}
