namespace Inbox.Media.Mixing;

/// <summary>
/// One leg of an <see cref="AudioMixer"/>, with its preallocated 20 ms buffers: the input it supplies for the tick,
/// its contribution to the others (input × gain, silence when muted or absent), and the N−1 mix it hears.
/// </summary>
/// <remarks>
/// <see cref="IsMuted"/> and <see cref="Gain"/> may be set from any thread and apply from the next tick.
/// <see cref="SetInput"/>, <see cref="Output"/> and <see cref="HeardInput"/> belong to the thread that runs
/// <see cref="AudioMixer.Mix"/> (the media clock worker): they are not safe to use concurrently with it.
/// </remarks>
internal sealed class MixerParticipant
{
    private readonly short[] _input;
    private readonly short[] _output;
    private readonly short[] _heard;
    private volatile bool _muted;
    private volatile float _gain = 1f;
    private volatile MixerParticipant? _whisperTo;

    internal MixerParticipant(int frameSamples)
    {
        _input = new short[frameSamples];
        _output = new short[frameSamples];
        _heard = new short[frameSamples];
        Contribution = new float[frameSamples];
    }

    /// <summary>The samples in one frame of this participant (the mixer's frame size).</summary>
    public int FrameSamples => _input.Length;

    /// <summary>Whether the others hear nothing of this participant; it still hears them. Default false.</summary>
    public bool IsMuted
    {
        get => _muted;
        set => _muted = value;
    }

    /// <summary>
    /// The one participant who hears this one (a supervisor whispering to the agent), or null (the default) for
    /// everybody. A whisperer still hears everybody; one whose listener is not in the mixer is heard by nobody.
    /// </summary>
    public MixerParticipant? WhisperTo
    {
        get => _whisperTo;
        set => _whisperTo = value;
    }

    /// <summary>Linear gain applied to this participant's input before mixing; default 1 (0 dB), at most 16 (+24 dB).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, above 16, or not a number.</exception>
    public float Gain
    {
        get => _gain;
        set
        {
            if (!(value >= 0f && value <= 16f))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The gain must be between 0 and 16 (+24 dB).");
            }

            _gain = value;
        }
    }

    /// <summary>The gain in decibels (20·log10 of <see cref="Gain"/>); −∞ when the gain is 0.</summary>
    public double GainDecibels
    {
        get => 20 * Math.Log10(_gain);
        set => Gain = double.IsNegativeInfinity(value) ? 0f : (float)Math.Pow(10, value / 20);
    }

    /// <summary>The mix of every other participant for the last tick, saturated to 16 bits.</summary>
    public ReadOnlySpan<short> Output => _output;

    /// <summary>
    /// What the others heard of this participant in the last tick (input × gain, saturated; silence when muted or
    /// absent): the frame a recorder takes for this side.
    /// </summary>
    public ReadOnlySpan<short> HeardInput => _heard;

    /// <summary><see cref="WhisperTo"/> as this tick reads it: read once, so one tick never mixes two answers.</summary>
    internal MixerParticipant? TickWhisperTo { get; set; }

    /// <summary>Whether an input frame was supplied for the coming tick.</summary>
    internal bool HasInput { get; set; }

    internal Span<short> OutputBuffer => _output;

    internal Span<short> HeardBuffer => _heard;

    internal ReadOnlySpan<short> InputBuffer => _input;

    /// <summary>Scratch: this participant's input × gain as float, for the N−1 subtraction.</summary>
    internal float[] Contribution { get; }

    /// <summary>Supplies this participant's frame for the coming tick (copied); without it the tick takes silence.</summary>
    /// <exception cref="ArgumentException">The frame is not exactly <see cref="FrameSamples"/> long.</exception>
    public void SetInput(ReadOnlySpan<short> frame)
    {
        if (frame.Length != _input.Length)
        {
            throw new ArgumentException("The frame must hold exactly one 20 ms frame at the mixer's rate.", nameof(frame));
        }

        frame.CopyTo(_input);
        HasInput = true;
    }
}
