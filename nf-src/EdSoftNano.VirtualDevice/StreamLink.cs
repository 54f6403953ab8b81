using System;
using System.IO;
using System.Threading;
using EdSoftNano.Ports;

namespace EdSoftNano.VirtualDevice
{
    /// <summary>
    /// The host port on a pair of streams (stdin/stdout): a reader thread fills a ring so that
    /// Read can wait with a timeout, as a UART driver's receive buffer does.
    /// </summary>
    public sealed class StreamLink : IByteLink
    {
        private readonly Stream _input;
        private readonly Stream _output;
        private readonly byte[] _ring = new byte[64 * 1024];
        private readonly object _gate = new object();
        private readonly SemaphoreSlim _dataReady = new SemaphoreSlim(0);
        private int _head;
        private int _count;
        private bool _ended;

        public StreamLink(Stream input, Stream output)
        {
            _input = input;
            _output = output;
            var reader = new Thread(ReadLoop) { IsBackground = true, Name = "host-port-reader" };
            reader.Start();
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_count > 0)
                    {
                        int n = Math.Min(count, _count);
                        for (int i = 0; i < n; i++)
                        {
                            buffer[offset + i] = _ring[(_head + i) % _ring.Length];
                        }

                        _head = (_head + n) % _ring.Length;
                        _count -= n;
                        Monitor.PulseAll(_gate);
                        return n;
                    }

                    if (_ended)
                    {
                        return -1;
                    }
                }

                if (!_dataReady.Wait(timeoutMs))
                {
                    return 0;
                }
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _output.Write(buffer, offset, count);
            _output.Flush();
        }

        private void ReadLoop()
        {
            byte[] chunk = new byte[4096];
            try
            {
                int n;
                while ((n = _input.Read(chunk, 0, chunk.Length)) > 0)
                {
                    lock (_gate)
                    {
                        // Back-pressure: wait for room instead of dropping bytes.
                        while (_ring.Length - _count < n)
                        {
                            Monitor.Wait(_gate);
                        }

                        for (int i = 0; i < n; i++)
                        {
                            _ring[(_head + _count + i) % _ring.Length] = chunk[i];
                        }

                        _count += n;
                    }

                    _dataReady.Release();
                }
            }
            catch (IOException)
            {
            }
            finally
            {
                lock (_gate)
                {
                    _ended = true;
                }

                _dataReady.Release();
            }
        }
    }
}
