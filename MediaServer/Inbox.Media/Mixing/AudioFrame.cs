namespace Inbox.Media.Mixing;

/// <summary>The 20 ms PCM frame every mixer, player and recorder works in: 160, 320 or 960 samples at 8, 16, 48 kHz.</summary>
internal static class AudioFrame
{
    /// <summary>Frames per second: one per 20 ms media tick.</summary>
    public const int FramesPerSecond = 50;

    /// <summary>The samples in one 20 ms mono frame at <paramref name="sampleRate"/> (Hz).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not 8-192 kHz or not a whole number of samples per 20 ms.</exception>
    public static int SamplesFor(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 192_000);
        if (sampleRate % FramesPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "A 20 ms frame must hold a whole number of samples.");
        }

        return sampleRate / FramesPerSecond;
    }
}
