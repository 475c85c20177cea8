namespace Inbox.Media.Quality;

/// <summary>
/// The fixed transmission parameters of the ITU-T G.107 E-model (narrowband, R from 0 to 100). Every default is
/// the G.107 Table 3 default value, which on its own gives R = 93.2 (MOS 4.41).
/// </summary>
/// <remarks>
/// The per-window inputs (one-way delay Ta, packet loss, burst ratio, codec Ie and Bpl) are not here: they come in
/// <see cref="EModelInput"/>. The talker-echo path delays <see cref="T"/> and <see cref="Tr"/> stay at 0 by
/// default: IP phones and gateways cancel echo at the terminal, and the media server cannot see the echo path,
/// so Ta drives only the pure-delay term Idd. Set T = Ta and Tr = 2·Ta to model an uncancelled echo path.
/// Immutable and thread-safe.
/// </remarks>
internal sealed record EModelParameters
{
    /// <summary>The G.107 Table 3 defaults.</summary>
    public static EModelParameters Default { get; } = new();

    /// <summary>Send loudness rating SLR, dB. Default 8.</summary>
    public double Slr { get; init; } = 8;

    /// <summary>Receive loudness rating RLR, dB. Default 2.</summary>
    public double Rlr { get; init; } = 2;

    /// <summary>Sidetone masking rating STMR, dB. Default 15.</summary>
    public double Stmr { get; init; } = 15;

    /// <summary>Listener sidetone rating LSTR, dB. Default 18.</summary>
    public double Lstr { get; init; } = 18;

    /// <summary>D-value of the telephone's send side Ds. Default 3.</summary>
    public double Ds { get; init; } = 3;

    /// <summary>D-value of the telephone's receive side Dr. Default 3.</summary>
    public double Dr { get; init; } = 3;

    /// <summary>Talker echo loudness rating TELR, dB. Default 65.</summary>
    public double Telr { get; init; } = 65;

    /// <summary>Weighted echo path loss WEPL, dB. Default 110.</summary>
    public double Wepl { get; init; } = 110;

    /// <summary>Mean one-way delay of the echo path T, ms. Default 0 (see remarks).</summary>
    public double T { get; init; }

    /// <summary>Round-trip delay in a 4-wire loop Tr, ms. Default 0 (see remarks).</summary>
    public double Tr { get; init; }

    /// <summary>Number of quantizing distortion units qdu. Default 1.</summary>
    public double Qdu { get; init; } = 1;

    /// <summary>Circuit noise referred to the 0 dBr point Nc, dBm0p. Default −70.</summary>
    public double Nc { get; init; } = -70;

    /// <summary>Noise floor at the receive side Nfor, dBmp. Default −64.</summary>
    public double Nfor { get; init; } = -64;

    /// <summary>Room noise at the send side Ps, dB(A). Default 35.</summary>
    public double Ps { get; init; } = 35;

    /// <summary>Room noise at the receive side Pr, dB(A). Default 35.</summary>
    public double Pr { get; init; } = 35;

    /// <summary>Advantage factor A. Default 0 (conventional wirebound access, as a contact centre is).</summary>
    public double A { get; init; }
}
