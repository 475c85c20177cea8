namespace Inbox.Media.Quality;

/// <summary>
/// The ITU-T G.107 E-model: R = Ro − Is − Id − Ie-eff + A, and MOS from R (Annex B). The terms that depend only on
/// the fixed <see cref="EModelParameters"/> (Ro, Is, and the echo terms Idte and Idle) are computed once in the
/// constructor; <see cref="Score"/> adds the per-window terms Idd and Ie-eff and allocates nothing.
/// Immutable and thread-safe.
/// </summary>
internal sealed class EModel
{
    private readonly double _fixedR;

    public EModel(EModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters;
        var p = parameters;

        // G.107 §3.2: basic signal-to-noise ratio.
        var olr = p.Slr + p.Rlr;
        var nos = p.Ps - p.Slr - p.Ds - 100 + (0.004 * Square(p.Ps - olr - p.Ds - 14));
        var pre = p.Pr + (10 * Math.Log10(1 + Math.Pow(10, (10 - p.Lstr) / 10)));
        var nor = p.Rlr - 121 + pre + (0.008 * Square(pre - 35));
        var nfo = p.Nfor + p.Rlr;
        var no = 10 * Math.Log10(Math.Pow(10, p.Nc / 10) + Math.Pow(10, nos / 10) + Math.Pow(10, nor / 10) + Math.Pow(10, nfo / 10));
        Ro = 15 - (1.5 * (p.Slr + no));

        // G.107 §3.3: simultaneous impairments (loudness, sidetone, quantizing distortion).
        var xolr = olr + (0.2 * (64 + no - p.Rlr));
        var iolr = 20 * (Math.Pow(1 + Math.Pow(xolr / 8, 8), 1.0 / 8) - (xolr / 8));
        var stmro = -10 * Math.Log10(Math.Pow(10, -p.Stmr / 10) + (Math.Exp(-p.T / 4) * Math.Pow(10, -p.Telr / 10)));
        var ist = (12 * Math.Pow(1 + Math.Pow((stmro - 13) / 6, 8), 1.0 / 8))
            - (28 * Math.Pow(1 + Math.Pow((stmro + 1) / 19.4, 35), 1.0 / 35))
            - (13 * Math.Pow(1 + Math.Pow((stmro - 3) / 33, 13), 1.0 / 13))
            + 29;
        var q = 37 - (15 * Math.Log10(p.Qdu));
        var g = 1.07 + (0.258 * q) + (0.0602 * q * q);
        var z = (46.0 / 30) - (g / 40);
        var y = ((Ro - 100) / 15) + (46 / 8.4) - (g / 9);
        var iq = 15 * Math.Log10(1 + Math.Pow(10, y) + Math.Pow(10, z));
        Is = iolr + ist + iq;

        // G.107 §3.4: talker echo (Idte) and listener echo (Idle); both depend only on the echo path, not on Ta.
        var roe = -1.5 * (no - p.Rlr);
        var terv = p.Telr - (40 * Math.Log10((1 + (p.T / 10)) / (1 + (p.T / 150)))) + (6 * Math.Exp(-0.3 * p.T * p.T));
        if (p.Stmr < 9)
        {
            // G.107 §3.4: a low sidetone masks less, so the echo counts as louder.
            terv += ist / 2;
        }

        var re = 80 + (2.5 * (terv - 14));
        var idte = (((roe - re) / 2) + Math.Sqrt((Square(roe - re) / 4) + 100) - 1) * (1 - Math.Exp(-p.T));
        if (p.Stmr > 20)
        {
            // G.107 §3.4: with a very high sidetone masking rating, talker echo and sidetone combine.
            idte = Math.Sqrt((idte * idte) + (ist * ist));
        }

        var rle = 10.5 * (p.Wepl + 7) * Math.Pow(p.Tr + 1, -0.25);
        var idle = ((Ro - rle) / 2) + Math.Sqrt((Square(Ro - rle) / 4) + 169);
        EchoId = idte + idle;

        _fixedR = Ro - Is - EchoId + p.A;
    }

    /// <summary>The model with the G.107 Table 3 defaults.</summary>
    public static EModel Default { get; } = new(EModelParameters.Default);

    public EModelParameters Parameters { get; }

    /// <summary>Basic signal-to-noise ratio Ro (94.77 with the defaults).</summary>
    public double Ro { get; }

    /// <summary>Simultaneous impairment factor Is (1.41 with the defaults).</summary>
    public double Is { get; }

    /// <summary>The echo part of Id, Idte + Idle, fixed by the parameters.</summary>
    public double EchoId { get; }

    /// <summary>Scores one window. Out-of-range inputs are clamped (delay ≥ 0, loss 0–100 %, burst ratio ≥ 1); NaN counts as 0.</summary>
    public EModelScore Score(in EModelInput input)
    {
        var idd = DelayImpairment(input.OneWayDelayMs);
        var ieEff = EffectiveEquipmentImpairment(input.Codec, input.PacketLossPercent, input.BurstRatio);
        var id = EchoId + idd;
        var r = _fixedR - idd - ieEff;
        return new EModelScore(Ro, Is, id, idd, ieEff, r, ToMos(r));
    }

    /// <summary>
    /// Idd, the impairment of absolute one-way delay Ta (G.107 §3.4): 0 up to 100 ms, then
    /// 25·{(1 + X⁶)^⅙ − 3·(1 + (X/3)⁶)^⅙ + 2} with X = log₂(Ta/100).
    /// </summary>
    public static double DelayImpairment(double oneWayDelayMs)
    {
        if (!(oneWayDelayMs > 100))
        {
            return 0;
        }

        var x = Math.Log2(oneWayDelayMs / 100);
        var x6 = Math.Pow(x, 6);
        return 25 * (Math.Pow(1 + x6, 1.0 / 6) - (3 * Math.Pow(1 + (x6 / 729), 1.0 / 6)) + 2);
    }

    /// <summary>Ie-eff = Ie + (95 − Ie)·Ppl/(Ppl/BurstR + Bpl) (G.107 §3.5).</summary>
    public static double EffectiveEquipmentImpairment(CodecImpairment codec, double lossPercent, double burstRatio)
    {
        var ppl = double.IsNaN(lossPercent) ? 0 : Math.Clamp(lossPercent, 0, 100);
        var burst = burstRatio > 1 ? burstRatio : 1;
        if (ppl == 0)
        {
            return codec.Ie;
        }

        return codec.Ie + ((95 - codec.Ie) * ppl / ((ppl / burst) + codec.Bpl));
    }

    /// <summary>
    /// MOS-CQE from R (G.107 Annex B): 1 below R = 0, 4.5 above R = 100, else 1 + 0.035R + R(R − 60)(100 − R)·7·10⁻⁶.
    /// The polynomial dips to 0.99 for R between 0 and 6.5; the result is floored at 1 so MOS never falls as R rises.
    /// </summary>
    public static double ToMos(double r)
    {
        if (!(r > 0))
        {
            return 1;
        }

        if (r >= 100)
        {
            return 4.5;
        }

        var mos = 1 + (0.035 * r) + (r * (r - 60) * (100 - r) * 7e-6);
        return Math.Max(1, mos);
    }

    private static double Square(double value) => value * value;
}
