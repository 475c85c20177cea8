using Inbox.Media.Rtcp;

namespace Inbox.Media.Tests.Rtcp;

public sealed class RtcpXrPacketTests
{
    // RFC 3611 §4.7 field order, one distinct value per field.
    private const string VoipBlockHex =
        "07000008" + "0A0B0C0D" + "01020304" + "00140028" + "003C0050" + "F6C90F10" + "5D4B2B29" + "7F00" + "00280064" + "00C8";

    private static readonly RtcpVoipMetricsBlock s_metrics = new()
    {
        Ssrc = 0x0A0B0C0D,
        LossRate = 1,
        DiscardRate = 2,
        BurstDensity = 3,
        GapDensity = 4,
        BurstDuration = 20,
        GapDuration = 40,
        RoundTripDelay = 60,
        EndSystemDelay = 80,
        SignalLevel = -10,
        NoiseLevel = -55,
        ResidualEchoReturnLoss = 15,
        Gmin = 16,
        RFactor = 93,
        ExternalRFactor = 75,
        MosLq = 43,
        MosCq = 41,
        RxConfig = 0x7F,
        JitterBufferNominal = 40,
        JitterBufferMaximum = 100,
        JitterBufferAbsoluteMaximum = 200,
    };

    [Fact]
    public void TryWriteVoipMetrics_AllFields_MatchesRfcLayout()
    {
        var buffer = new byte[44];

        var ok = RtcpXrPacket.TryWriteVoipMetrics(buffer, 0x11223344, s_metrics, out var written);

        // V=2 PT=207 length=10 | sender SSRC | block.
        Assert.True(ok);
        Assert.Equal(44, written);
        Assert.Equal(Convert.FromHexString("80CF000A" + "11223344" + VoipBlockHex), buffer);
    }

    [Fact]
    public void TryParse_VoipMetricsAfterUnknownBlock_SkipsAndReadsIt()
    {
        // An unknown block type 99 of two words comes first.
        var packet = Convert.FromHexString("80CF000C" + "11223344" + "63000001AABBCCDD" + VoipBlockHex);

        var ok = RtcpXrPacket.TryParse(packet, out var xr);
        var found = xr.TryGetVoipMetrics(out var metrics);
        var types = new List<byte>();
        foreach (var block in xr)
        {
            types.Add(block.BlockType);
        }

        Assert.True(ok);
        Assert.Equal(0x11223344u, xr.Ssrc);
        Assert.True(found);
        Assert.Equal(s_metrics, metrics);
        Assert.Equal([99, 7], types);
    }

    [Fact]
    public void TryGetVoipMetrics_NoVoipBlock_ReturnsFalse()
    {
        var packet = Convert.FromHexString("80CF0003" + "11223344" + "63000001AABBCCDD");
        Assert.True(RtcpXrPacket.TryParse(packet, out var xr));

        var found = xr.TryGetVoipMetrics(out _);

        Assert.False(found);
    }

    [Theory]
    [InlineData("80CF0003" + "11223344" + "63000002AABBCCDD")] // block length past the packet
    [InlineData("80CF0002" + "11223344" + "6300")] // block header cut
    [InlineData("80CF0000")] // no sender SSRC
    [InlineData("80C90001" + "11223344")] // an RR
    public void TryParse_MalformedXr_ReturnsFalse(string hex)
    {
        var packet = Convert.FromHexString(hex);

        var ok = RtcpXrPacket.TryParse(packet, out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryParse_VoipBlockWithWrongLength_ReturnsFalse()
    {
        var block = Convert.FromHexString(VoipBlockHex);
        block[3] = 9;

        var ok = RtcpVoipMetricsBlock.TryParse(block, out _);

        Assert.False(ok);
    }
}
