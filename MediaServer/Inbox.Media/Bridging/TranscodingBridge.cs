using Inbox.Media.Clock;

namespace Inbox.Media.Bridging;

/// <summary>
/// One direction between legs whose codecs differ: every media clock tick takes a decoded frame from the source leg
/// and sends it encoded on the target leg. Nothing is sent while the source's jitter buffer is still filling.
/// </summary>
internal sealed class TranscodingBridge(DecodedLegInput source, EncodedLegOutput target) : IMediaClockClient
{
    private readonly short[] _frame = source.OutputRate == target.InputRate
        ? new short[source.FrameSamples]
        : throw new ArgumentException("The decoder's output rate must be the encoder's input rate.", nameof(target));

    public void Tick(long tickNumber)
    {
        if (source.ReadFrame(_frame))
        {
            target.WriteFrame(_frame);
        }
    }
}
