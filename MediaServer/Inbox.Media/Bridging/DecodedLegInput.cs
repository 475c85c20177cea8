using Inbox.Media.Codecs;
using Inbox.Media.Jitter;
using Inbox.Media.Mixing;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;

namespace Inbox.Media.Bridging;

/// <summary>
/// A leg's audio as PCM: its RTP goes into an adaptive jitter buffer on the receive loop, and each media clock tick
/// reads one 20 ms frame, decoded (or concealed when the packet is missing) and resampled to the consumer's rate.
/// Used wherever audio must be heard rather than relayed: transcoding, mixing, recording.
/// </summary>
/// <remarks>
/// <see cref="OnPacket"/> runs on the leg's receive loop and <see cref="ReadFrame"/> on one media clock worker; the
/// jitter buffer is the only state they share and it locks for itself.
/// </remarks>
internal sealed class DecodedLegInput : IRtpPacketHandler, IDisposable
{
    private readonly IAudioCodec _codec;
    private readonly byte _payloadType;
    private readonly JitterBuffer _jitter;
    private readonly AudioResampler? _resampler;
    private readonly TimeProvider _timeProvider;
    private readonly long _createdAt;
    private readonly byte[] _payload;
    private readonly short[] _decoded;

    public DecodedLegInput(IAudioCodec codec, byte payloadType, int outputRate, TimeProvider timeProvider)
    {
        _codec = codec;
        _payloadType = payloadType;
        _timeProvider = timeProvider;
        _createdAt = timeProvider.GetTimestamp();
        _jitter = new JitterBuffer(new JitterBufferOptions { ClockRate = codec.RtpClockRate, FrameSamples = AudioFrame.SamplesFor(codec.RtpClockRate) });
        _resampler = codec.SampleRate == outputRate ? null : new AudioResampler(codec.SampleRate, outputRate);
        _payload = new byte[_jitter.MaxPayloadLength];
        _decoded = new short[codec.FrameSamples];
        OutputRate = outputRate;
    }

    public int OutputRate { get; }

    /// <summary>Samples in one output frame (20 ms at <see cref="OutputRate"/>).</summary>
    public int FrameSamples => AudioFrame.SamplesFor(OutputRate);

    /// <summary>Delay the jitter buffer adds: part of the one-way delay the E-model scores.</summary>
    public TimeSpan BufferDepth => _jitter.CurrentDepth;

    public JitterBufferCounters Counters => _jitter.Counters;

    public void OnPacket(RtpSession source, Span<byte> packet, in RtpHeader header)
    {
        // Other payload types on the stream (telephone-event, comfort noise) are not audio for this decoder.
        if (header.PayloadType == _payloadType)
        {
            _jitter.Put(header, header.GetPayload(packet), _timeProvider.GetElapsedTime(_createdAt));
        }
    }

    /// <summary>Writes the next 20 ms into <paramref name="frame"/> (<see cref="FrameSamples"/> samples).</summary>
    /// <returns>False, with silence written, while the buffer is still filling and nothing plays yet.</returns>
    public bool ReadFrame(Span<short> frame)
    {
        switch (_jitter.Take(_payload, out var written))
        {
            case JitterTakeResult.Frame when _codec.Decode(_payload.AsSpan(0, written), _decoded) == _decoded.Length:
                break;
            case JitterTakeResult.Frame or JitterTakeResult.Missing:
                _codec.Conceal(_decoded);
                break;
            default:
                frame[..FrameSamples].Clear();
                return false;
        }

        if (_resampler is null)
        {
            _decoded.CopyTo(frame);
        }
        else
        {
            _resampler.Process(_decoded, frame);
        }

        return true;
    }

    public void Dispose() => _codec.Dispose();
}
