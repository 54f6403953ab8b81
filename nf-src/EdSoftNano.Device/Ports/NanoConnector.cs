using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using EdSoftNano.Ports;

namespace EdSoftNano.Device.Ports
{
    /// <summary>
    /// Makes the TCP connects of a <see cref="NanoNetStack"/> on a thread of its own. nanoFramework's
    /// Socket has no Blocking property and no IOControl: every socket is blocking, and Connect only
    /// returns once the connection is up or has failed (there is no connect timeout either). So the
    /// main loop hands a connect over here and sees its outcome in <see cref="INetStack.State"/>.
    /// <para>
    /// One thread, started on the first connect and kept, takes the requests in order: a second
    /// connect waits until the first has finished. Closing a handle whose connect is under way
    /// closes its socket, which ends the blocked Connect with an exception; the thread then finds
    /// the handle's generation changed and drops the result. Requests live in a fixed ring.
    /// </para>
    /// </summary>
    internal sealed class NanoConnector
    {
        private readonly object _gate;
        private readonly NanoSocketSlot[] _slots;
        private readonly int[] _queueSlot;
        private readonly int[] _queueGeneration;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private int _head;
        private int _count;
        private Thread _thread;

        /// <param name="gate">The stack's lock: every slot field this thread reads or writes is guarded by it.</param>
        public NanoConnector(object gate, NanoSocketSlot[] slots)
        {
            _gate = gate;
            _slots = slots;

            // A closed handle's request may still wait while its successor queues a new one.
            _queueSlot = new int[slots.Length * 2];
            _queueGeneration = new int[slots.Length * 2];
        }

        /// <summary>Connects that finished with an exception the runtime threw (refused, unreachable, closed under it).</summary>
        public int Failures { get; private set; }

        /// <summary>Queues the connect of slot <paramref name="index"/> (its Socket and ConnectTo set, under the lock); false when the ring is full.</summary>
        public bool Request(int index)
        {
            lock (_gate)
            {
                if (_count == _queueSlot.Length)
                {
                    return false;
                }

                int at = (_head + _count) % _queueSlot.Length;
                _queueSlot[at] = index;
                _queueGeneration[at] = _slots[index].Generation;
                _count++;
                if (_thread == null)
                {
                    _thread = new Thread(Run);
                    _thread.Start();
                }
            }

            _wake.Set();
            return true;
        }

        private void Run()
        {
            while (true)
            {
                _wake.WaitOne();
                int index;
                int generation;
                Socket socket;
                IPEndPoint to;
                while (Next(out index, out generation, out socket, out to))
                {
                    int error = Connect(socket, to);
                    lock (_gate)
                    {
                        NanoSocketSlot slot = _slots[index];
                        if (slot.Generation == generation && slot.State == SocketState.Connecting)
                        {
                            slot.ConnectError = error;
                            slot.ConnectOutcome = error == 0 ? NanoSocketSlot.ConnectDone : NanoSocketSlot.ConnectFailed;
                        }
                    }
                }
            }
        }

        // The next request whose handle still waits for it; false when none is left.
        private bool Next(out int index, out int generation, out Socket socket, out IPEndPoint to)
        {
            lock (_gate)
            {
                while (_count > 0)
                {
                    index = _queueSlot[_head];
                    generation = _queueGeneration[_head];
                    _head = (_head + 1) % _queueSlot.Length;
                    _count--;
                    NanoSocketSlot slot = _slots[index];
                    if (slot.Generation == generation && slot.State == SocketState.Connecting && slot.Socket != null)
                    {
                        socket = slot.Socket;
                        to = slot.ConnectTo;
                        return true;
                    }
                }
            }

            index = 0;
            generation = 0;
            socket = null;
            to = null;
            return false;
        }

        // 0 when connected, else the error code (SocketError's number, or SO_ERROR's; -1 when neither says).
        private int Connect(Socket socket, IPEndPoint to)
        {
            try
            {
                socket.Connect(to);

                // Connect waits for the socket to turn writable, which a failed connect also does: check.
                if (socket.Poll(0, SelectMode.SelectError))
                {
                    int error = (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error);
                    return error == 0 ? -1 : error;
                }

                return 0;
            }
            catch (SocketException e)
            {
                Failures++;
                return e.ErrorCode == 0 ? -1 : e.ErrorCode;
            }
            catch (Exception)
            {
                // Closed under us (ObjectDisposedException): the handle was let go; the result is dropped.
                Failures++;
                return -1;
            }
        }
    }
}
