namespace Inbox.Media.Codecs;

/// <summary>
/// Concealment for codecs without PLC of their own (G.711, G.722): repeats the last good frame with a linear fade,
/// full level to silence over <see cref="FadeFrames"/> frames (60 ms), then gives silence. It is simpler than G.711
/// Appendix I's pitch repetition and avoids the buzz of repeating one frame for long. Not thread-safe.
/// </summary>
internal sealed class FadeConcealer
{
    /// <summary>Consecutive lost frames over which the repeated frame fades to silence.</summary>
    public const int FadeFrames = 3;

    private readonly short[] _last;
    private int _lostInRow = FadeFrames;

    /// <param name="frameSamples">Samples in one frame; the history buffer is allocated once here.</param>
    public FadeConcealer(int frameSamples) => _last = new short[frameSamples];

    /// <summary>Keeps the last decoded frame (its final <c>frameSamples</c> samples) and resets the fade.</summary>
    public void Remember(ReadOnlySpan<short> decoded)
    {
        if (decoded.Length >= _last.Length)
        {
            decoded[^_last.Length..].CopyTo(_last);
        }
        else
        {
            // A short frame: shift the history left and append, so the repeated frame stays contiguous audio.
            _last.AsSpan(decoded.Length).CopyTo(_last);
            decoded.CopyTo(_last.AsSpan(_last.Length - decoded.Length));
        }

        _lostInRow = 0;
    }

    /// <summary>Writes one concealed frame into <paramref name="pcm"/>.</summary>
    /// <returns>Samples written (the frame length).</returns>
    public int Conceal(Span<short> pcm)
    {
        var n = _last.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(pcm.Length, n, nameof(pcm));
        var frame = pcm[..n];
        if (_lostInRow >= FadeFrames)
        {
            frame.Clear();
            return n;
        }

        // Gain falls linearly from (1 - k/F) to (1 - (k+1)/F) across the k-th lost frame.
        var start = 1f - ((float)_lostInRow / FadeFrames);
        var step = 1f / (FadeFrames * (float)n);
        for (var i = 0; i < n; i++)
        {
            frame[i] = (short)(_last[i] * (start - (step * i)));
        }

        _lostInRow++;
        return n;
    }
}
