namespace Inbox.Media.Players;

/// <summary>Common call-progress tones (ITU-T E.180 Supplement 2); other countries build a <see cref="ToneDefinition"/>.</summary>
internal static class ToneDefinitions
{
    /// <summary>CEPT/ETSI ringback (Spain, France, Germany…): 425 Hz, 1 s on, 4 s off.</summary>
    public static ToneDefinition EuropeRingback { get; } = ToneDefinition.Single(425, 1000, 4000);

    /// <summary>CEPT/ETSI busy: 425 Hz, 0.5 s on, 0.5 s off.</summary>
    public static ToneDefinition EuropeBusy { get; } = ToneDefinition.Single(425, 500, 500);

    /// <summary>CEPT/ETSI congestion: 425 Hz, 0.2 s on, 0.2 s off.</summary>
    public static ToneDefinition EuropeCongestion { get; } = ToneDefinition.Single(425, 200, 200);

    /// <summary>CEPT/ETSI dial tone: 425 Hz continuous.</summary>
    public static ToneDefinition EuropeDial { get; } = ToneDefinition.Single(425);

    /// <summary>North American ringback: 440 + 480 Hz, 2 s on, 4 s off.</summary>
    public static ToneDefinition NorthAmericaRingback { get; } = ToneDefinition.Dual(440, 480, 2000, 4000);

    /// <summary>North American busy: 480 + 620 Hz, 0.5 s on, 0.5 s off.</summary>
    public static ToneDefinition NorthAmericaBusy { get; } = ToneDefinition.Dual(480, 620, 500, 500);

    /// <summary>UK ringback: 400 + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off.</summary>
    public static ToneDefinition UnitedKingdomRingback { get; } = ToneDefinition.Dual(400, 450, 400, 200, 400, 2000);
}
