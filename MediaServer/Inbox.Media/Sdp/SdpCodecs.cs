namespace Inbox.Media.Sdp;

/// <summary>The codec catalogue of the media server and the RFC 3551 static audio payload types.</summary>
internal static class SdpCodecs
{
    /// <summary>G.711 µ-law: static payload type 0, 8 kHz (RFC 3551 §4.5.14).</summary>
    public static SdpCodec Pcmu { get; } = new("PCMU", 8000, StaticPayloadType: 0);

    /// <summary>G.711 A-law: static payload type 8, 8 kHz (RFC 3551 §4.5.14).</summary>
    public static SdpCodec Pcma { get; } = new("PCMA", 8000, StaticPayloadType: 8);

    /// <summary>
    /// G.722: static payload type 9. It samples at 16 kHz, but its rtpmap clock rate is 8000 because of an error
    /// in the original RFC 1890 that RFC 3551 §4.5.2 keeps for compatibility.
    /// </summary>
    public static SdpCodec G722 { get; } = new("G722", 8000, StaticPayloadType: 9);

    /// <summary>
    /// Opus: dynamic (offered as 111), always <c>opus/48000/2</c> whatever is actually sent (RFC 7587 §7), with
    /// in-band FEC requested and a 10 ms minimum packet time.
    /// </summary>
    public static SdpCodec Opus { get; } = new("opus", 48000, Channels: 2, DynamicPayloadType: 111, Fmtp: "useinbandfec=1; minptime=10");

    /// <summary>RFC 4733 DTMF events 0–16 (digits, *, #, A–D, flash), dynamic (offered as 101), 8 kHz clock.</summary>
    public static SdpCodec TelephoneEvent { get; } = new("telephone-event", 8000, DynamicPayloadType: 101, Fmtp: "0-16");

    /// <summary>Every codec the server supports, in its default order of preference.</summary>
    public static IReadOnlyList<SdpCodec> All { get; } = [Pcmu, Pcma, G722, Opus, TelephoneEvent];

    private static readonly SdpRtpMap?[] s_staticAudio = CreateStaticAudio();

    /// <summary>The RFC 3551 §6 rtpmap implied by a static audio payload type (0–18), or null.</summary>
    public static SdpRtpMap? GetStaticRtpMap(int payloadType) =>
        (uint)payloadType < (uint)s_staticAudio.Length ? s_staticAudio[payloadType] : null;

    private static SdpRtpMap?[] CreateStaticAudio()
    {
        var maps = new SdpRtpMap?[19];
        maps[0] = new("PCMU", 8000);
        maps[3] = new("GSM", 8000);
        maps[4] = new("G723", 8000);
        maps[5] = new("DVI4", 8000);
        maps[6] = new("DVI4", 16000);
        maps[7] = new("LPC", 8000);
        maps[8] = new("PCMA", 8000);
        maps[9] = new("G722", 8000);
        maps[10] = new("L16", 44100, 2);
        maps[11] = new("L16", 44100);
        maps[12] = new("QCELP", 8000);
        maps[13] = new("CN", 8000);
        maps[14] = new("MPA", 90000);
        maps[15] = new("G728", 8000);
        maps[16] = new("DVI4", 11025);
        maps[17] = new("DVI4", 22050);
        maps[18] = new("G729", 8000);
        return maps;
    }
}
