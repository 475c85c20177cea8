namespace Inbox.Media.Codecs;

/// <summary>
/// A source of 16-bit mono PCM for players (tones, silence, later prompts and music on hold), read one frame at a
/// time on the media clock. Reads write into caller memory and allocate nothing. Per stream, not thread-safe.
/// </summary>
internal interface IAudioSource
{
    /// <summary>PCM sample rate in Hz.</summary>
    int SampleRate { get; }

    /// <summary>Fills <paramref name="frame"/> (normally 20 ms: <c>SampleRate / 50</c> samples) and advances.</summary>
    /// <returns>Samples written: always <c>frame.Length</c> for endless sources.</returns>
    int Read(Span<short> frame);
}
