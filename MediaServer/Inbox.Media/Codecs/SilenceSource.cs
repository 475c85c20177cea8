namespace Inbox.Media.Codecs;

/// <summary>Endless digital silence. Stateless, so one instance can be shared; thread-safe.</summary>
internal sealed class SilenceSource(int sampleRate) : IAudioSource
{
    /// <inheritdoc/>
    public int SampleRate { get; } = sampleRate;

    /// <inheritdoc/>
    public int Read(Span<short> frame)
    {
        frame.Clear();
        return frame.Length;
    }
}
