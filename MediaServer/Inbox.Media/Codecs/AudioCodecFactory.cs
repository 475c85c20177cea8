using Microsoft.Extensions.Logging;

namespace Inbox.Media.Codecs;

/// <summary>
/// Creates a new <see cref="IAudioCodec"/> per stream from its SDP encoding name (case-insensitive, RFC 4855 §3):
/// <c>PCMU</c>, <c>PCMA</c>, <c>G722</c>, <c>opus</c>. Opus is native libopus when <see cref="OpusLibrary"/> finds it
/// and Concentus' managed port otherwise; the choice is made and logged once, on the factory's first Opus codec.
/// A singleton; thread-safe (creation is not on the per-frame path).
/// </summary>
internal sealed class AudioCodecFactory
{
    private readonly ILogger<AudioCodecFactory> _logger;
    private readonly bool _preferNative;
    private int _logged;

    /// <param name="preferNativeOpus">Default true; false forces the managed Opus codec (tests, diagnosis).</param>
    public AudioCodecFactory(ILogger<AudioCodecFactory> logger, bool preferNativeOpus = true)
    {
        _logger = logger;
        _preferNative = preferNativeOpus;
    }

    /// <summary>The Opus implementation this factory creates (probes for libopus on first use).</summary>
    public OpusImplementation Opus =>
        _preferNative && OpusLibrary.IsAvailable ? OpusImplementation.Native : OpusImplementation.Managed;

    /// <summary>Whether <paramref name="encodingName"/> is a codec this factory can create.</summary>
    public static bool IsSupported(string encodingName) =>
        encodingName.ToUpperInvariant() is "PCMU" or "PCMA" or "G722" or "OPUS";

    /// <summary>Creates a codec for one stream, or returns false for an unknown encoding name.</summary>
    public bool TryCreate(string encodingName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IAudioCodec? codec)
    {
        codec = encodingName.ToUpperInvariant() switch
        {
            "PCMU" => G711Codec.CreateMuLaw(),
            "PCMA" => G711Codec.CreateALaw(),
            "G722" => new G722Codec(),
            "OPUS" => CreateOpus(),
            _ => null,
        };
        return codec is not null;
    }

    /// <summary>Creates a codec for one stream.</summary>
    /// <exception cref="NotSupportedException">The encoding name is not supported.</exception>
    public IAudioCodec Create(string encodingName) =>
        TryCreate(encodingName, out var codec) ? codec : throw new NotSupportedException($"Codec '{encodingName}' is not supported.");

    /// <summary>Logs, once per factory, which Opus implementation is in use; the host calls it at start-up.</summary>
    public OpusImplementation LogOpusImplementation()
    {
        var implementation = Opus;
        if (Interlocked.Exchange(ref _logged, 1) == 0)
        {
            if (implementation == OpusImplementation.Native)
            {
                CodecLog.OpusNative(_logger, OpusLibrary.Version);
            }
            else
            {
                CodecLog.OpusManaged(_logger);
            }
        }

        return implementation;
    }

    private IAudioCodec CreateOpus() =>
        LogOpusImplementation() == OpusImplementation.Native ? new NativeOpusCodec() : new ManagedOpusCodec();
}
