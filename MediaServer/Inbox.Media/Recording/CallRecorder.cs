using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Inbox.Media.Mixing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Media.Recording;

/// <summary>
/// Records a two-party call as a 2-channel 16-bit PCM WAV file (left = customer, right = agent), streamed to disk:
/// each tick's frames go into one of a fixed set of preallocated buffers, a bounded queue carries them to a background
/// writer, and <see cref="CloseAsync"/> drains it and writes the final RIFF sizes. The whole call is never in memory.
/// </summary>
/// <remarks>
/// <para><see cref="Write"/> belongs to one thread at a time (the media clock worker of the call); it never blocks or
/// allocates. When the disk falls <c>queueFrames</c> behind, new frames are dropped and counted
/// (<see cref="DroppedFrames"/>) rather than stalling the media clock. The mute flags and <see cref="CloseAsync"/>
/// are thread-safe.</para>
/// <para>The header's sizes are refreshed every 5 s, so a crash leaves a playable file up to the last refresh.
/// A RIFF file holds at most 4 GiB: about 6 h at 48 kHz, 37 h at 8 kHz; frames past that are dropped.</para>
/// </remarks>
internal sealed partial class CallRecorder : IAsyncDisposable
{
    /// <summary>The default queue: 250 frames, 5 s of audio.</summary>
    public const int DefaultQueueFrames = 250;

    private const int Channels = 2;
    private const int RefreshFrames = 5 * AudioFrame.FramesPerSecond;

    private readonly Lock _gate = new();
    private readonly FileStream _stream;
    private readonly Channel<byte[]> _free;
    private readonly Channel<byte[]> _filled;
    private readonly Task _writer;
    private readonly byte[] _header = new byte[WavHeader.Length];
    private readonly ILogger _logger;
    private readonly int _frameBytes;
    private readonly int _queueFrames;
    private Task? _closing;
    private long _framesWritten;
    private long _dropped;
    private long _dataBytes;
    private volatile bool _customerMuted;
    private volatile bool _agentMuted;
    private volatile bool _closed;
    private volatile bool _failed;

    /// <summary>
    /// Creates <paramref name="path"/> (it must not exist) for a recording at <paramref name="sampleRate"/> Hz and
    /// starts the background writer.
    /// </summary>
    /// <param name="queueFrames">Frames that may wait for the disk; default 250 (5 s).</param>
    public CallRecorder(string path, int sampleRate, ILogger? logger = null, int queueFrames = DefaultQueueFrames)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(queueFrames, 2);
        FrameSamples = AudioFrame.SamplesFor(sampleRate);
        SampleRate = sampleRate;
        Path = path;
        _logger = logger ?? NullLogger.Instance;
        _queueFrames = queueFrames;
        _frameBytes = FrameSamples * Channels * sizeof(short);
        // Both queues are bounded by the fixed set of buffers (queueFrames of them): no more can ever be queued.
        // Unbounded channels because a bounded one allocates when it wakes the waiting writer loop (~10 B per frame,
        // CallRecorderTests.Write_AfterWarmUp_AllocatesNothingOnCallerThread); an unbounded one does not.
        _free = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        _filled = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
        for (var i = 0; i < queueFrames; i++)
        {
            _free.Writer.TryWrite(new byte[_frameBytes]);
        }

        // CreateNew: a recording is evidence, and an existing file is never overwritten.
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
        WavHeader.Write(_header, sampleRate, Channels, 0);
        _stream.Write(_header);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The file being written.</summary>
    public string Path { get; }

    /// <summary>The recording's sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Samples per channel in one 20 ms frame.</summary>
    public int FrameSamples { get; }

    /// <summary>Whether the customer's side is written as silence. Default false; thread-safe.</summary>
    public bool CustomerMuted
    {
        get => _customerMuted;
        set => _customerMuted = value;
    }

    /// <summary>Whether the agent's side is written as silence. Default false; thread-safe.</summary>
    public bool AgentMuted
    {
        get => _agentMuted;
        set => _agentMuted = value;
    }

    /// <summary>Frames on disk so far.</summary>
    public long FramesWritten => Interlocked.Read(ref _framesWritten);

    /// <summary>Frames thrown away: queue full, size limit reached, or after a write error.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Queues one 20 ms frame of each side; a muted side is written as silence. False when the frame was dropped
    /// (recorder closed, or the disk is too far behind).
    /// </summary>
    /// <exception cref="ArgumentException">A frame is not exactly <see cref="FrameSamples"/> long.</exception>
    public bool Write(ReadOnlySpan<short> customerFrame, ReadOnlySpan<short> agentFrame)
    {
        if (customerFrame.Length != FrameSamples || agentFrame.Length != FrameSamples)
        {
            throw new ArgumentException("Each side must be exactly one 20 ms frame at the recorder's rate.");
        }

        if (_closed)
        {
            return false;
        }

        if (!_free.Reader.TryRead(out var buffer))
        {
            var dropped = Interlocked.Increment(ref _dropped);
            if (dropped == 1 || dropped % 500 == 0)
            {
                CallRecorderLog.FramesDropped(_logger, Path, _queueFrames, dropped);
            }

            return false;
        }

        Interleave(customerFrame, agentFrame, MemoryMarshal.Cast<byte, short>(buffer.AsSpan(0, _frameBytes)));
        if (!_filled.Writer.TryWrite(buffer))
        {
            // Closed between the check above and here.
            _free.Writer.TryWrite(buffer);
            return false;
        }

        return true;
    }

    /// <summary>Writes the queued frames, finalises the RIFF sizes and closes the file; idempotent, thread-safe.</summary>
    public Task CloseAsync()
    {
        lock (_gate)
        {
            return _closing ??= CloseCoreAsync();
        }
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private void Interleave(ReadOnlySpan<short> customer, ReadOnlySpan<short> agent, Span<short> destination)
    {
        var customerMuted = _customerMuted;
        var agentMuted = _agentMuted;
        for (var i = 0; i < customer.Length; i++)
        {
            destination[2 * i] = customerMuted ? (short)0 : customer[i];
            destination[(2 * i) + 1] = agentMuted ? (short)0 : agent[i];
        }

        if (!BitConverter.IsLittleEndian)
        {
            // WAV is little-endian whatever the machine.
            BinaryPrimitives.ReverseEndianness(destination, destination);
        }
    }
}
