namespace Inbox.Media.Quality;

/// <summary>The per-window inputs of the E-model for one direction of one leg.</summary>
/// <param name="OneWayDelayMs">Absolute one-way delay Ta in milliseconds (RTT/2 + jitter-buffer depth).</param>
/// <param name="PacketLossPercent">Packet-loss probability Ppl in percent (0–100) over this window only.</param>
/// <param name="Codec">The codec's equipment impairment Ie and packet-loss robustness Bpl.</param>
/// <param name="BurstRatio">BurstR; 1 (the default) means random loss, above 1 bursty loss.</param>
internal readonly record struct EModelInput(
    double OneWayDelayMs,
    double PacketLossPercent,
    CodecImpairment Codec,
    double BurstRatio = 1);
