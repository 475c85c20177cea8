namespace Inbox.Media.Players;

/// <summary>
/// Plays an <see cref="AudioClip"/> (hold music) in a loop: each <see cref="Read"/> copies the next frame and wraps
/// from the end straight to the start, with no gap and no allocation. Several players may share one clip; each has
/// its own position.
/// </summary>
/// <remarks>Not thread-safe: one player per leg, read by its media clock worker.</remarks>
internal sealed class WavFilePlayer(AudioClip clip) : IAudioFrameSource
{
    private readonly AudioClip _clip = clip ?? throw new ArgumentNullException(nameof(clip));
    private int _position;

    /// <summary>The shared clip.</summary>
    public AudioClip Clip => _clip;

    /// <summary>The index, in samples, of the next sample to play.</summary>
    public int Position => _position;

    /// <summary>Starts again from the beginning of the clip.</summary>
    public void Rewind() => _position = 0;

    public void Read(Span<short> frame)
    {
        var samples = _clip.Samples;
        if (samples.IsEmpty)
        {
            frame.Clear();
            return;
        }

        var position = _position;
        while (!frame.IsEmpty)
        {
            var count = Math.Min(frame.Length, samples.Length - position);
            samples.Slice(position, count).CopyTo(frame);
            frame = frame[count..];
            position += count;
            if (position == samples.Length)
            {
                position = 0;
            }
        }

        _position = position;
    }
}
