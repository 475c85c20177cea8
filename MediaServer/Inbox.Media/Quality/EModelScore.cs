namespace Inbox.Media.Quality;

/// <summary>The E-model's terms for one computation, kept so that a low score can be explained.</summary>
/// <param name="Ro">Basic signal-to-noise ratio.</param>
/// <param name="Is">Simultaneous impairment factor.</param>
/// <param name="Id">Delay impairment factor (Idte + Idle + Idd).</param>
/// <param name="Idd">The part of <paramref name="Id"/> due to absolute delay alone.</param>
/// <param name="IeEff">Effective equipment impairment factor (codec and packet loss).</param>
/// <param name="R">Transmission rating factor R = Ro − Is − Id − Ie-eff + A.</param>
/// <param name="Mos">Estimated conversational MOS (MOS-CQE) from R, G.107 Annex B.</param>
internal readonly record struct EModelScore(double Ro, double Is, double Id, double Idd, double IeEff, double R, double Mos);
