using Inbox.Media.Codecs;
using Inbox.Media.Mixing;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;

namespace Inbox.Media.Bridging;

/// <summary>
/// Sends PCM frames to a leg as RTP in that leg's codec: resample to the codec's rate, encode, number the packet,
/// then hand it to the leg's stream mapper so it continues whatever the leg was receiving before (relay, other
/// sources). One instance per feed into a leg; called from one media clock worker at a time.
/// </summary>
internal sealed class EncodedLegOutput : IDisposable
{
    private readonly RtpSession _target;
    private readonly IAudioCodec _codec;
    private readonly byte _payloadType;
    private readonly AudioResampler? _resampler;
    private readonly short[] _pcm;
    private readonly byte[] _packet;
    private readonly uint _ssrc = (uint)Random.Shared.NextInt64(uint.MaxValue);
    private ushort _sequence = (ushort)Random.Shared.Next(ushort.MaxValue);
    private uint _timestamp = (uint)Random.Shared.NextInt64(uint.MaxValue);

    public EncodedLegOutput(RtpSession target, IAudioCodec codec, byte payloadType, int inputRate)
    {
        _target = target;
        _codec = codec;
        _payloadType = payloadType;
        _resampler = inputRate == codec.SampleRate ? null : new AudioResampler(inputRate, codec.SampleRate);
        _pcm = new short[codec.FrameSamples];
        _packet = new byte[RtpHeader.FixedLength + codec.MaxPayloadBytes];
        InputRate = inputRate;
    }

    public int InputRate { get; }

    /// <summary>Encodes and sends one 20 ms frame at <see cref="InputRate"/>.</summary>
    public void WriteFrame(ReadOnlySpan<short> frame)
    {
        if (_resampler is null)
        {
            frame[.._pcm.Length].CopyTo(_pcm);
        }
        else
        {
            _resampler.Process(frame, _pcm);
        }

        var length = _codec.Encode(_pcm, _packet.AsSpan(RtpHeader.FixedLength));
        var header = new RtpHeader(_payloadType, marker: false, _sequence, _timestamp, _ssrc);
        header.TryWrite(_packet, out _);

        // Encoding still runs during an injection, so the codec state and the timestamps stay in step.
        if (!_target.IsInjecting)
        {
            _target.Output.Map(_packet, header);
            _target.Send(_packet.AsSpan(0, RtpHeader.FixedLength + length));
        }

        _sequence++;
        _timestamp += (uint)AudioFrame.SamplesFor(_codec.RtpClockRate);
    }

    public void Dispose() => _codec.Dispose();
}
