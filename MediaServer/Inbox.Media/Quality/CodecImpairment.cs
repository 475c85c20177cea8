namespace Inbox.Media.Quality;

/// <summary>A codec's equipment impairment factor Ie and packet-loss robustness factor Bpl (ITU-T G.113).</summary>
/// <param name="Ie">Equipment impairment factor without loss.</param>
/// <param name="Bpl">Packet-loss robustness factor; higher means the codec and its concealment hide loss better.</param>
internal readonly record struct CodecImpairment(double Ie, double Bpl)
{
    /// <summary>G.711 (PCMU/PCMA) with packet-loss concealment (G.711 Appendix I): Ie 0, Bpl 25.1 (G.113 Appendix I).</summary>
    public static CodecImpairment G711WithPlc => new(0, 25.1);

    /// <summary>G.711 without concealment (lost frames played as silence): Ie 0, Bpl 4.3 (G.113 Appendix I).</summary>
    public static CodecImpairment G711WithoutPlc => new(0, 4.3);

    /// <summary>
    /// G.722 at 64 kbit/s scored on the narrowband scale: Ie 0, Bpl 25.1. G.722 is wideband, and its own Ie,wb and
    /// Bpl belong to the wideband E-model (G.107.1, R up to 129), which this model does not implement; on the
    /// narrowband scale it is at least as good as G.711, so it takes G.711's Ie. G.113 gives no narrowband Bpl for
    /// G.722; with the concealment of G.722 Appendix III/IV we assume G.711-with-PLC robustness (25.1).
    /// </summary>
    public static CodecImpairment G722 => new(0, 25.1);

    /// <summary>
    /// Opus (any bit rate used for speech here, 20 ms frames) scored on the narrowband scale: Ie 0, Bpl 25.1. No
    /// ITU-T recommendation publishes Opus values; they are chosen, not measured: at speech bit rates Opus is
    /// transparent on the narrowband scale (Ie 0), and its decoder always conceals loss (RFC 6716 §4.4), so it is
    /// given the robustness of G.711 with PLC. In-band FEC would make it more robust; this value is conservative.
    /// </summary>
    public static CodecImpairment Opus => new(0, 25.1);

    /// <summary>
    /// Looks up the values for an SDP encoding name (case-insensitive): PCMU, PCMA, G722 or opus. G.711 is assumed
    /// to have concealment, as every decoder in this server does.
    /// </summary>
    public static bool TryGetForEncoding(string encodingName, out CodecImpairment impairment)
    {
        ArgumentNullException.ThrowIfNull(encodingName);
        if (encodingName.Equals("PCMU", StringComparison.OrdinalIgnoreCase)
            || encodingName.Equals("PCMA", StringComparison.OrdinalIgnoreCase))
        {
            impairment = G711WithPlc;
            return true;
        }

        if (encodingName.Equals("G722", StringComparison.OrdinalIgnoreCase))
        {
            impairment = G722;
            return true;
        }

        if (encodingName.Equals("opus", StringComparison.OrdinalIgnoreCase))
        {
            impairment = Opus;
            return true;
        }

        impairment = default;
        return false;
    }
}
