namespace Inbox.Media.Players;

/// <summary>Something that writes 16-bit mono PCM frames on demand: hold music, silence, comfort noise.</summary>
/// <remarks>An instance keeps its own position and is read by one thread at a time (its media clock worker).</remarks>
internal interface IAudioFrameSource
{
    /// <summary>Fills <paramref name="frame"/> entirely with the next samples, at the source's sample rate.</summary>
    void Read(Span<short> frame);
}
