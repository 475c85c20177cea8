namespace Inbox.Media.Players;

/// <summary>Writes digital silence (all zeros); stateless, so one shared instance serves every call.</summary>
internal sealed class SilenceSource : IAudioFrameSource
{
    private SilenceSource()
    {
    }

    /// <summary>The shared instance; thread-safe.</summary>
    public static SilenceSource Instance { get; } = new();

    public void Read(Span<short> frame) => frame.Clear();
}
