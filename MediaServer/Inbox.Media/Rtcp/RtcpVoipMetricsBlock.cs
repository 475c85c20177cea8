using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>
/// The VoIP Metrics report block of an XR packet (RFC 3611 §4.7, block type 7), 36 bytes on the wire. Immutable.
/// </summary>
/// <remarks>
/// Units as RFC 3611 defines them: rates and densities in 1/256; durations and delays in milliseconds; signal and
/// noise levels in signed dBm; RERL in dB; R factors 0–100; MOS values times 10 (10–50). 127 means "unavailable"
/// for the levels, R factors and MOS values.
/// </remarks>
internal readonly record struct RtcpVoipMetricsBlock
{
    /// <summary>XR block type of VoIP Metrics.</summary>
    public const byte BlockType = 7;

    /// <summary>Length in bytes on the wire, header included (block length field 8).</summary>
    public const int Length = 36;

    /// <summary>Value of the "unavailable" marker for levels, R factors and MOS.</summary>
    public const byte Unavailable = 127;

    /// <summary>SSRC of the source reported on.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Fraction of packets lost in the network, in 1/256.</summary>
    public byte LossRate { get; init; }

    /// <summary>Fraction of packets discarded (late or early) by the jitter buffer, in 1/256.</summary>
    public byte DiscardRate { get; init; }

    /// <summary>Fraction lost or discarded within bursts, in 1/256.</summary>
    public byte BurstDensity { get; init; }

    /// <summary>Fraction lost or discarded within gaps, in 1/256.</summary>
    public byte GapDensity { get; init; }

    /// <summary>Mean burst duration in milliseconds.</summary>
    public ushort BurstDuration { get; init; }

    /// <summary>Mean gap duration in milliseconds.</summary>
    public ushort GapDuration { get; init; }

    /// <summary>Most recent round-trip delay in milliseconds.</summary>
    public ushort RoundTripDelay { get; init; }

    /// <summary>Most recent end-system delay in milliseconds.</summary>
    public ushort EndSystemDelay { get; init; }

    /// <summary>Signal level relative to 0 dBm (signed dBm; 127 unavailable).</summary>
    public sbyte SignalLevel { get; init; }

    /// <summary>Noise level relative to 0 dBm (signed dBm; 127 unavailable).</summary>
    public sbyte NoiseLevel { get; init; }

    /// <summary>Residual echo return loss in dB (127 unavailable).</summary>
    public byte ResidualEchoReturnLoss { get; init; }

    /// <summary>Gap threshold Gmin: consecutive received packets that end a burst (16 recommended).</summary>
    public byte Gmin { get; init; }

    /// <summary>R factor 0–100 (127 unavailable).</summary>
    public byte RFactor { get; init; }

    /// <summary>External R factor 0–100 (127 unavailable).</summary>
    public byte ExternalRFactor { get; init; }

    /// <summary>MOS for listening quality times 10 (127 unavailable).</summary>
    public byte MosLq { get; init; }

    /// <summary>MOS for conversational quality times 10 (127 unavailable).</summary>
    public byte MosCq { get; init; }

    /// <summary>Receiver configuration byte: PLC (2 bits), JBA (2 bits), JB rate (4 bits).</summary>
    public byte RxConfig { get; init; }

    /// <summary>Nominal jitter buffer delay in milliseconds.</summary>
    public ushort JitterBufferNominal { get; init; }

    /// <summary>Current maximum jitter buffer delay in milliseconds.</summary>
    public ushort JitterBufferMaximum { get; init; }

    /// <summary>Absolute maximum jitter buffer delay in milliseconds.</summary>
    public ushort JitterBufferAbsoluteMaximum { get; init; }

    /// <summary>Reads a block, its 4-byte block header included. Never throws.</summary>
    /// <returns>False when fewer than 36 bytes, the block type is not 7, or the block length field is not 8.</returns>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpVoipMetricsBlock block)
    {
        block = default;
        if (data.Length < Length)
        {
            return false;
        }

        var b = data[..Length];
        if (b[0] != BlockType || BinaryPrimitives.ReadUInt16BigEndian(b[2..]) != (Length / 4) - 1)
        {
            return false;
        }

        block = new RtcpVoipMetricsBlock
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(b[4..]),
            LossRate = b[8],
            DiscardRate = b[9],
            BurstDensity = b[10],
            GapDensity = b[11],
            BurstDuration = BinaryPrimitives.ReadUInt16BigEndian(b[12..]),
            GapDuration = BinaryPrimitives.ReadUInt16BigEndian(b[14..]),
            RoundTripDelay = BinaryPrimitives.ReadUInt16BigEndian(b[16..]),
            EndSystemDelay = BinaryPrimitives.ReadUInt16BigEndian(b[18..]),
            SignalLevel = (sbyte)b[20],
            NoiseLevel = (sbyte)b[21],
            ResidualEchoReturnLoss = b[22],
            Gmin = b[23],
            RFactor = b[24],
            ExternalRFactor = b[25],
            MosLq = b[26],
            MosCq = b[27],
            RxConfig = b[28],
            JitterBufferNominal = BinaryPrimitives.ReadUInt16BigEndian(b[30..]),
            JitterBufferMaximum = BinaryPrimitives.ReadUInt16BigEndian(b[32..]),
            JitterBufferAbsoluteMaximum = BinaryPrimitives.ReadUInt16BigEndian(b[34..]),
        };
        return true;
    }

    /// <summary>Writes the 36-byte block, its header included; reserved octets are zero.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Length)
        {
            return false;
        }

        var b = destination[..Length];
        b[0] = BlockType;
        b[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], (Length / 4) - 1);
        BinaryPrimitives.WriteUInt32BigEndian(b[4..], Ssrc);
        b[8] = LossRate;
        b[9] = DiscardRate;
        b[10] = BurstDensity;
        b[11] = GapDensity;
        BinaryPrimitives.WriteUInt16BigEndian(b[12..], BurstDuration);
        BinaryPrimitives.WriteUInt16BigEndian(b[14..], GapDuration);
        BinaryPrimitives.WriteUInt16BigEndian(b[16..], RoundTripDelay);
        BinaryPrimitives.WriteUInt16BigEndian(b[18..], EndSystemDelay);
        b[20] = (byte)SignalLevel;
        b[21] = (byte)NoiseLevel;
        b[22] = ResidualEchoReturnLoss;
        b[23] = Gmin;
        b[24] = RFactor;
        b[25] = ExternalRFactor;
        b[26] = MosLq;
        b[27] = MosCq;
        b[28] = RxConfig;
        b[29] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(b[30..], JitterBufferNominal);
        BinaryPrimitives.WriteUInt16BigEndian(b[32..], JitterBufferMaximum);
        BinaryPrimitives.WriteUInt16BigEndian(b[34..], JitterBufferAbsoluteMaximum);
        written = Length;
        return true;
    }
}
