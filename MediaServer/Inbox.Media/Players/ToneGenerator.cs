namespace Inbox.Media.Players;

/// <summary>
/// Plays a <see cref="ToneDefinition"/> endlessly at a given rate, frame by frame, with no allocation per frame.
/// Each frequency is a quadrature oscillator (a rotating phasor, renormalised once per frame), which is exact in
/// frequency and needs no sine call per sample. Every tone burst starts at phase 0 and has 2 ms linear ramps at both
/// ends so cadence edges do not click. Per stream, not thread-safe.
/// </summary>
internal sealed class ToneGenerator : IAudioFrameSource
{
    private const double FullScaleDbm0 = 3.14;
    private const double RampMs = 2;

    private readonly double _amplitude;
    private readonly Oscillator _first;
    private readonly Oscillator _second;
    private readonly bool _dual;
    private readonly int[] _segments;
    private readonly double _ramp;
    private int _segment;
    private int _position;

    /// <param name="tone">The tone to play.</param>
    /// <param name="sampleRate">Output rate in Hz (8000, 16000, 48000…).</param>
    public ToneGenerator(ToneDefinition tone, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(tone);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        if (tone.CadenceMs.Length % 2 != 0)
        {
            throw new ArgumentException("A cadence alternates on and off: it needs an even number of durations.", nameof(tone));
        }

        SampleRate = sampleRate;
        _amplitude = 32767 * Math.Pow(10, (tone.LevelDbm0 - FullScaleDbm0) / 20);
        _first = new Oscillator(tone.FrequencyHz, sampleRate);
        _second = new Oscillator(tone.SecondFrequencyHz, sampleRate);
        _dual = tone.SecondFrequencyHz > 0;
        _segments = new int[tone.CadenceMs.Length];
        for (var i = 0; i < _segments.Length; i++)
        {
            _segments[i] = (int)((long)tone.CadenceMs[i] * sampleRate / 1000);
        }

        _ramp = RampMs * sampleRate / 1000;
    }

    /// <summary>PCM sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <inheritdoc/>
    public void Read(Span<short> frame)
    {
        var i = 0;
        while (i < frame.Length)
        {
            if (_segments.Length == 0)
            {
                i += Play(frame[i..], frame.Length - i, int.MaxValue);
                continue;
            }

            var length = _segments[_segment];
            var count = Math.Min(frame.Length - i, length - _position);
            if ((_segment & 1) == 0)
            {
                Play(frame[i..], count, length);
            }
            else
            {
                frame.Slice(i, count).Clear();
                _position += count;
            }

            i += count;
            if (_position >= length)
            {
                _segment = (_segment + 1) % _segments.Length;
                _position = 0;
                _first.Restart();
                _second.Restart();
            }
        }

        _first.Normalise();
        _second.Normalise();
    }

    /// <summary>Goes back to the start of the cadence.</summary>
    public void Reset()
    {
        _segment = 0;
        _position = 0;
        _first.Restart();
        _second.Restart();
    }

    private int Play(Span<short> output, int count, int length)
    {
        for (var n = 0; n < count; n++, _position++)
        {
            var value = _first.Next();
            if (_dual)
            {
                value += _second.Next();
            }

            var edge = Math.Min(_position, length - 1 - _position);
            var gain = edge < _ramp ? edge / _ramp : 1.0;
            output[n] = (short)Math.Round(value * _amplitude * gain);
        }

        if (length == int.MaxValue && _position > _ramp)
        {
            // Continuous tone: past the opening ramp, pin the position so it never counts towards overflow.
            _position = (int)_ramp + 1;
        }

        return count;
    }
}
