using System.Numerics;
using System.Runtime.InteropServices;

namespace Inbox.Media.Codecs;

/// <summary>
/// Converts mono 16-bit PCM between 8, 16 and 48 kHz (integer ratios 2, 3 and 6, either way) with a polyphase FIR,
/// writing into caller memory; 0 B per call after construction.
/// </summary>
/// <remarks>
/// <para>
/// Filter: Kaiser-windowed sinc (<see cref="FirDesign"/>), β = 8 (about 80 dB stopband), <see cref="TapsPerPhase"/>
/// (48) taps per polyphase branch, so 96, 144 or 288 taps at the higher rate for ratios 2, 3 and 6. The -6 dB cutoff
/// is <see cref="CutoffFraction"/> (0.92) of the lower rate's Nyquist frequency: 3680 Hz between 8 kHz and a higher
/// rate, 7360 Hz between 16 and 48 kHz. The transition band is about 0.105 of the lower rate wide (840 Hz at 8 kHz), so
/// the passband is flat to about 3.2 kHz (telephone band) and the stopband starts at the lower Nyquist: tones above it
/// are removed before decimation, and interpolation images are removed after zero-stuffing.
/// </para>
/// <para>
/// The filter is linear-phase: the delay is <see cref="DelaySamples"/> output samples ((taps - 1) / 2 at the higher
/// rate). State (the input history) is per stream, so one instance per stream and direction; not thread-safe.
/// </para>
/// </remarks>
internal sealed class AudioResampler
{
    /// <summary>Taps per polyphase branch.</summary>
    public const int TapsPerPhase = 48;

    /// <summary>Kaiser window β.</summary>
    public const double KaiserBeta = 8.0;

    /// <summary>Cutoff as a fraction of the lower rate's Nyquist frequency.</summary>
    public const double CutoffFraction = 0.92;

    // Input samples per inner block: 20 ms at 48 kHz, a multiple of every ratio.
    private const int Block = 960;

    private readonly int _up;
    private readonly int _down;
    private readonly int _taps;
    private readonly float[] _filter;
    private readonly float[] _buffer;
    private readonly int _history;

    /// <param name="inputRate">Input rate in Hz: 8000, 16000 or 48000.</param>
    /// <param name="outputRate">Output rate in Hz: 8000, 16000 or 48000.</param>
    public AudioResampler(int inputRate, int outputRate)
    {
        if (!IsSupportedRate(inputRate) || !IsSupportedRate(outputRate))
        {
            throw new ArgumentException($"Resampling {inputRate} Hz to {outputRate} Hz is not supported: use 8000, 16000 or 48000.", nameof(inputRate));
        }

        InputRate = inputRate;
        OutputRate = outputRate;
        _up = Math.Max(1, outputRate / inputRate);
        _down = Math.Max(1, inputRate / outputRate);
        var ratio = Math.Max(_up, _down);
        _taps = TapsPerPhase * ratio;
        var lowRate = Math.Min(inputRate, outputRate);
        var cutoff = CutoffFraction * lowRate / 2 / Math.Max(inputRate, outputRate);
        var h = FirDesign.LowPass(_taps, cutoff, KaiserBeta, _up);
        _filter = _up > 1 ? Polyphase(h, _up) : Array.ConvertAll(h, v => (float)v);
        _history = _up > 1 ? TapsPerPhase - 1 : _taps - 1;
        _buffer = new float[_history + Block];
        DelaySamples = ratio == 1 ? 0 : (_taps - 1) / 2.0 / _down;
    }

    /// <summary>Input rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>Output rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>Group delay of the filter in output samples (0 when the rates are equal).</summary>
    public double DelaySamples { get; }

    /// <summary>Output samples produced for <paramref name="inputSamples"/> input samples.</summary>
    public int OutputLength(int inputSamples) => inputSamples * _up / _down;

    /// <summary>Resamples <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <param name="input">Any length that is a multiple of the decimation factor (a 20 ms frame always is).</param>
    /// <param name="output">At least <see cref="OutputLength"/> samples.</param>
    /// <returns>Samples written.</returns>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (input.Length % _down != 0)
        {
            throw new ArgumentException($"The input length must be a multiple of {_down}.", nameof(input));
        }

        var total = OutputLength(input.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(output.Length, total, nameof(output));
        if (_up == _down)
        {
            input.CopyTo(output);
            return total;
        }

        var written = 0;
        while (!input.IsEmpty)
        {
            var count = Math.Min(input.Length, Block);
            var fresh = _buffer.AsSpan(_history, count);
            for (var i = 0; i < count; i++)
            {
                fresh[i] = input[i];
            }

            written += _up > 1 ? Interpolate(count, output[written..]) : Decimate(count, output[written..]);
            // Keep the newest samples as the next block's history.
            _buffer.AsSpan(count, _history).CopyTo(_buffer);
            input = input[count..];
        }

        return written;
    }

    private int Decimate(int count, Span<short> output)
    {
        var n = count / _down;
        var taps = _filter.AsSpan();
        for (var j = 0; j < n; j++)
        {
            // Symmetric taps: convolution is a dot product over the window ending at input j * M.
            output[j] = Saturate(Dot(_buffer.AsSpan(j * _down, _taps), taps));
        }

        return n;
    }

    private int Interpolate(int count, Span<short> output)
    {
        var o = 0;
        for (var n = 0; n < count; n++)
        {
            var window = _buffer.AsSpan(n, TapsPerPhase);
            for (var p = 0; p < _up; p++)
            {
                output[o++] = Saturate(Dot(window, _filter.AsSpan(p * TapsPerPhase, TapsPerPhase)));
            }
        }

        return o;
    }

    /// <summary>Splits h into L branches g_p[k] = h[kL + p], each stored reversed for a forward dot product.</summary>
    private static float[] Polyphase(double[] h, int up)
    {
        var filter = new float[h.Length];
        for (var p = 0; p < up; p++)
        {
            for (var k = 0; k < TapsPerPhase; k++)
            {
                filter[(p * TapsPerPhase) + (TapsPerPhase - 1 - k)] = (float)h[(k * up) + p];
            }
        }

        return filter;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        for (var i = 0; i < va.Length; i++)
        {
            sum += va[i] * vb[i];
        }

        var result = Vector.Sum(sum);
        for (var i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            result += a[i] * b[i];
        }

        return result;
    }

    private static short Saturate(float value) => (short)Math.Clamp(MathF.Round(value), short.MinValue, short.MaxValue);

    private static bool IsSupportedRate(int rate) => rate is 8000 or 16000 or 48000;
}
