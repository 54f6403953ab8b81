using EdSoftNano.Ports;
using EdSoftNano.Session;

namespace EdSoftNano.Net
{
    /// <summary>
    /// A stub resolver for host names (DNSSERV1/DNSSERV2), over the UDP sockets of any
    /// <see cref="INetStack"/>: the host's and the managed stack's ResolveStart/ResolveResult are
    /// this class. A query goes to the first server, then on a timeout to the second, and round
    /// again; a response from either server is taken. NXDOMAIN or an answer without an A record ends
    /// it; a server failure or refusal moves on to the next server at once. Time is passed in;
    /// per-query state lives in arrays and the one message buffer is lent by the owner.
    /// </summary>
    public sealed class DnsResolver
    {
        /// <summary>Resolutions that can run at once (the services need one; SMTP's relay and a ping may overlap).</summary>
        public const int Slots = 2;

        /// <summary>How long one server is given to answer before the next is asked.</summary>
        public const int AttemptMs = 2000;

        /// <summary>How many times each server is asked.</summary>
        public const int Rounds = 2;

        private const int Free = 0;
        private const int Pending = 1;
        private const int Resolved = 2;
        private const int Unresolved = 3;

        private readonly INetStack _stack;
        private readonly byte[] _message;
        private readonly int[] _state = new int[Slots];
        private readonly string[] _name = new string[Slots];
        private readonly int[] _socket = new int[Slots];
        private readonly int[] _id = new int[Slots];
        private readonly uint[] _servers = new uint[Slots * 2];
        private readonly int[] _serverCount = new int[Slots];
        private readonly int[] _attempt = new int[Slots];
        private readonly bool[] _sent = new bool[Slots];
        private readonly long[] _deadline = new long[Slots];
        private readonly uint[] _address = new uint[Slots];
        private int _nextId;

        /// <param name="stack">Whose UDP sockets carry the queries.</param>
        /// <param name="message">Work buffer for queries and responses, <see cref="DnsMessage.MaxUdpLength"/> bytes (part of the stack's own budget).</param>
        /// <param name="seed">Start of the query ids (anything; the owner may pass a clock reading).</param>
        public DnsResolver(INetStack stack, byte[] message, int seed)
        {
            _stack = stack;
            _message = message;
            _nextId = seed;
        }

        /// <summary>The servers' UDP port: 53 (tests point it at a responder of their own).</summary>
        public int ServerPort { get; set; } = DnsMessage.ServerPort;

        /// <summary>See <see cref="INetStack.ResolveStart"/>.</summary>
        public int Start(string name, uint dns1, uint dns2, long nowMs)
        {
            int slot = 0;
            while (slot < Slots && _state[slot] != Free)
            {
                slot++;
            }

            if (slot == Slots)
            {
                return -1;
            }

            _name[slot] = name;
            _socket[slot] = 0;
            uint literal = name == null ? 0 : IPv4Text.Parse(name);
            if (literal != 0)
            {
                _address[slot] = literal;
                _state[slot] = Resolved;
                return slot + 1;
            }

            int count = 0;
            if (dns1 != 0)
            {
                _servers[slot * 2 + count++] = dns1;
            }

            if (dns2 != 0)
            {
                _servers[slot * 2 + count++] = dns2;
            }

            _serverCount[slot] = count;
            if (count == 0 || DnsMessage.EncodedNameLength(name) < 0)
            {
                _state[slot] = Unresolved;
                return slot + 1;
            }

            int socket = _stack.UdpOpen(0);
            if (socket < 0)
            {
                return -1;
            }

            _socket[slot] = socket;
            _id[slot] = NextId();
            _attempt[slot] = 0;
            _state[slot] = Pending;
            SendAttempt(slot, nowMs);
            return slot + 1;
        }

        /// <summary>See <see cref="INetStack.ResolveResult"/>.</summary>
        public NetQueryResult Result(int query, long nowMs, out uint address)
        {
            address = 0;
            int slot = query - 1;
            if (slot < 0 || slot >= Slots || _state[slot] == Free)
            {
                return NetQueryResult.Failed;
            }

            if (_state[slot] == Pending)
            {
                Advance(slot, nowMs);
            }

            if (_state[slot] == Pending)
            {
                return NetQueryResult.Pending;
            }

            bool resolved = _state[slot] == Resolved;
            address = resolved ? _address[slot] : 0;
            Cancel(query);
            return resolved ? NetQueryResult.Done : NetQueryResult.Failed;
        }

        /// <summary>See <see cref="INetStack.ResolveCancel"/>.</summary>
        public void Cancel(int query)
        {
            int slot = query - 1;
            if (slot < 0 || slot >= Slots || _state[slot] == Free)
            {
                return;
            }

            if (_socket[slot] > 0)
            {
                _stack.Close(_socket[slot]);
                _socket[slot] = 0;
            }

            _name[slot] = null;
            _state[slot] = Free;
        }

        private void Advance(int slot, long nowMs)
        {
            int socket = _socket[slot];
            while (_state[slot] == Pending)
            {
                int n = _stack.ReceiveFrom(socket, _message, 0, _message.Length, out uint from, out int port);
                if (n == 0)
                {
                    break;
                }

                if (n < 0)
                {
                    _state[slot] = Unresolved;
                    return;
                }

                if (port == ServerPort && IsServer(slot, from))
                {
                    Take(slot, n, nowMs);
                }
            }

            if (_state[slot] != Pending)
            {
                return;
            }

            if (!_sent[slot])
            {
                SendAttempt(slot, nowMs);
            }
            else if (nowMs - _deadline[slot] >= 0)
            {
                NextAttempt(slot, nowMs);
            }
        }

        private void Take(int slot, int length, long nowMs)
        {
            if (!DnsMessage.TryParseReply(_message, 0, length, out DnsReply reply) || reply.Id != _id[slot])
            {
                return;
            }

            if (reply.ResponseCode == DnsMessage.ResponseOk)
            {
                _address[slot] = reply.Address;
                _state[slot] = reply.HasAddress ? Resolved : Unresolved;
            }
            else if (reply.ResponseCode == DnsMessage.ResponseNameError)
            {
                _state[slot] = Unresolved;
            }
            else
            {
                // This server cannot help (failure, refusal): ask the next one now.
                NextAttempt(slot, nowMs);
            }
        }

        private void NextAttempt(int slot, long nowMs)
        {
            _attempt[slot]++;
            if (_attempt[slot] >= _serverCount[slot] * Rounds)
            {
                _state[slot] = Unresolved;
                return;
            }

            SendAttempt(slot, nowMs);
        }

        private void SendAttempt(int slot, long nowMs)
        {
            int length = DnsMessage.EmitQuery(_message, 0, _id[slot], _name[slot]);
            uint server = _servers[slot * 2 + _attempt[slot] % _serverCount[slot]];
            int sent = _stack.SendTo(_socket[slot], _message, 0, length, server, ServerPort);
            if (sent < 0)
            {
                _state[slot] = Unresolved;
                return;
            }

            // Not sent (the socket's buffer is full): tried again on the next poll; the wait starts once it leaves.
            _sent[slot] = sent > 0;
            _deadline[slot] = nowMs + AttemptMs;
        }

        private bool IsServer(int slot, uint address)
        {
            for (int i = 0; i < _serverCount[slot]; i++)
            {
                if (_servers[slot * 2 + i] == address)
                {
                    return true;
                }
            }

            return false;
        }

        // Ids follow a full-period 16-bit sequence from the seed, so consecutive queries differ.
        private int NextId()
        {
            _nextId = (_nextId * 25173 + 13849) & 0xFFFF;
            return _nextId;
        }
    }
}
