namespace EdSoftNano.Ports
{
    /// <summary>
    /// Sockets, DNS and ping for the services (TCP and UDP clients and listeners, FTP, SMTP, POP3,
    /// PING), polled from the single-threaded main loop: every call returns at once. Implemented
    /// over the host's sockets (PC, nanoFramework WiFi/Ethernet) and by the managed PPP + IP stack.
    /// <para>
    /// Sockets are small integer handles, 1 and up, from a fixed table: no object per socket or
    /// packet. Byte calls follow one convention: a positive count moved, 0 when nothing can move
    /// now (would block: ask again later), -1 when the socket has ended or failed
    /// (<see cref="Error"/> says which). Opening calls return a handle or -1 when the table is
    /// full; a failure after that (refused, port in use) shows as <see cref="SocketState.Failed"/>.
    /// Addresses are IPv4 in host byte order (a.b.c.d = a&lt;&lt;24 | …), as in IBearer.
    /// </para>
    /// </summary>
    public interface INetStack
    {
        /// <summary>Starts a TCP connection to <paramref name="address"/>:<paramref name="port"/>; the handle is Connecting.</summary>
        int TcpConnect(uint address, int port);

        /// <summary>Listens for TCP connections on <paramref name="localPort"/> (0: any free port, see <see cref="GetLocal"/>).</summary>
        int TcpListen(int localPort);

        /// <summary>
        /// Takes the next connection a listener has completed: its new handle (Open), 0 when none is
        /// waiting (or no handle is free: the connection waits in the backlog), -1 when the listener failed.
        /// </summary>
        int Accept(int listener);

        /// <summary>
        /// Opens a UDP socket bound to <paramref name="localPort"/> (0: any free port) that exchanges
        /// datagrams with anyone through <see cref="SendTo"/> and <see cref="ReceiveFrom"/>.
        /// </summary>
        int UdpOpen(int localPort);

        /// <summary>
        /// Opens a UDP socket for one peer: <see cref="Send"/> goes to it, <see cref="Receive"/>
        /// returns only its datagrams.
        /// </summary>
        int UdpConnect(uint address, int port);

        /// <summary>
        /// TCP: queues a prefix of the bytes (the count taken, 0 when the send buffer is full).
        /// Connected UDP: sends one datagram, all or nothing.
        /// </summary>
        int Send(int socket, byte[] buffer, int offset, int count);

        /// <summary>
        /// Reads received bytes. TCP: -1 with <see cref="Error"/> 0 once the peer closed in order and
        /// all its bytes were read. UDP: a datagram larger than <paramref name="count"/> is handed
        /// out over several calls, never cut.
        /// </summary>
        int Receive(int socket, byte[] buffer, int offset, int count);

        /// <summary>Sends one datagram from a UDP socket to <paramref name="address"/>:<paramref name="port"/>, all or nothing.</summary>
        int SendTo(int socket, byte[] buffer, int offset, int count, uint address, int port);

        /// <summary>
        /// As <see cref="Receive"/> on a UDP socket, and says who sent the datagram (every piece of
        /// a datagram handed out over several calls reports the same sender).
        /// </summary>
        int ReceiveFrom(int socket, byte[] buffer, int offset, int count, out uint address, out int port);

        /// <summary>Where the socket stands; this is also where a TCP connect makes progress.</summary>
        SocketState State(int socket);

        /// <summary>
        /// 0 while the socket works or after an orderly end, else the spec 9.2 code of the failure:
        /// 38016 connect refused, 37964 no answer to connect, 37952 reset by the peer, 38017 send
        /// failed, 36872 no local resource (port in use).
        /// </summary>
        int Error(int socket);

        /// <summary>Our address and port of the socket (FTP's PORT command, an ephemeral listener); false for a free handle.</summary>
        bool GetLocal(int socket, out uint address, out int port);

        /// <summary>The peer of a TCP or connected UDP socket (an accepted caller, for TCPSERV checks); false when none.</summary>
        bool GetRemote(int socket, out uint address, out int port);

        /// <summary>
        /// Closes the socket and frees the handle (idempotent). TCP: the bytes already queued are
        /// still delivered, then FIN.
        /// </summary>
        void Close(int socket);

        /// <summary>
        /// Starts resolving the host name <paramref name="name"/> (an A record) through the DNS
        /// servers <paramref name="dns1"/> then <paramref name="dns2"/> (0: none). A dotted quad
        /// resolves at once. Returns a query handle (1 and up), or -1 when none is free.
        /// </summary>
        int ResolveStart(string name, uint dns1, uint dns2, long nowMs);

        /// <summary>Pending, Done (with <paramref name="address"/>) or Failed; a final answer releases the query.</summary>
        NetQueryResult ResolveResult(int query, long nowMs, out uint address);

        /// <summary>Abandons a pending resolution (idempotent).</summary>
        void ResolveCancel(int query);

        /// <summary>Sends one ICMP echo request; a query handle (1 and up), or -1 when none is free.</summary>
        int PingStart(uint address, int timeoutMs, long nowMs);

        /// <summary>Pending, Done (an echo reply, after <paramref name="roundTripMs"/>) or Failed (no reply within the timeout); a final answer releases the query.</summary>
        NetQueryResult PingResult(int query, long nowMs, out int roundTripMs);

        /// <summary>Abandons a pending ping (idempotent).</summary>
        void PingCancel(int query);
    }
}
