namespace Inbox.Media.Codecs;

/// <summary>The one Opus profile Inbox sends (RFC 7587): mono, 48 kHz, 20 ms frames, 24 kbit/s, VOIP, in-band FEC.</summary>
internal static class OpusSettings
{
    /// <summary>Opus always signals 48 kHz in SDP and RTP (RFC 7587 §4.1); we also decode at 48 kHz.</summary>
    public const int SampleRate = 48000;

    /// <summary>Samples in 20 ms at 48 kHz.</summary>
    public const int FrameSamples = 960;

    /// <summary>Target bitrate in bit/s: wideband speech with room for FEC.</summary>
    public const int Bitrate = 24000;

    /// <summary>Expected loss in percent; tells the SILK encoder how much LBRR (FEC) redundancy to add.</summary>
    public const int PacketLossPercent = 10;

    /// <summary>The largest Opus packet (RFC 6716 §3.4, R2).</summary>
    public const int MaxPayloadBytes = 1275;
}
