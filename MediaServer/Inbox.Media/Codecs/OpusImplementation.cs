namespace Inbox.Media.Codecs;

/// <summary>Which Opus implementation the factory creates.</summary>
internal enum OpusImplementation
{
    /// <summary>Native libopus through <see cref="OpusNative"/>: allocation-free.</summary>
    Native,

    /// <summary>Concentus' managed port: slower and allocating, used when libopus is missing.</summary>
    Managed,
}
