using Inbox.Media.Clock;
using Inbox.Media.Mixing;
using Inbox.Media.Players;

namespace Inbox.Media.Bridging;

/// <summary>Plays a source (hold music, a tone, silence) into a leg, one frame per media clock tick.</summary>
internal sealed class PlayerFeed(IAudioFrameSource source, EncodedLegOutput target) : IMediaClockClient
{
    private readonly short[] _frame = new short[AudioFrame.SamplesFor(target.InputRate)];

    public void Tick(long tickNumber)
    {
        source.Read(_frame);
        target.WriteFrame(_frame);
    }
}
