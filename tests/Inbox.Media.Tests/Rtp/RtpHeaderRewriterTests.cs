using Inbox.Media.Rtp;

namespace Inbox.Media.Tests.Rtp;

public sealed class RtpHeaderRewriterTests
{
    [Fact]
    public void TryRewrite_G711Packet_ChangesOnlySsrcSequenceAndTimestamp()
    {
        var packet = Convert.FromHexString("80801234DEADBEEF01020304AABB");

        var ok = RtpHeaderRewriter.TryRewrite(packet, ssrc: 0xA1A2A3A4, sequenceNumber: 0xB1B2, timestamp: 0xC1C2C3C4);

        Assert.True(ok);
        Assert.Equal(Convert.FromHexString("8080B1B2C1C2C3C4A1A2A3A4AABB"), packet);
    }

    [Fact]
    public void TryShift_Offsets_AddModuloFieldWidth()
    {
        var packet = Convert.FromHexString("8000FFFFFFFFFFF001020304");

        var ok = RtpHeaderRewriter.TryShift(packet, ssrc: 5, sequenceOffset: 2, timestampOffset: 0x20);

        Assert.True(ok);
        Assert.True(RtpHeader.TryParse(packet, out var header));
        Assert.Equal(1, header.SequenceNumber);
        Assert.Equal(0x10u, header.Timestamp);
        Assert.Equal(5u, header.Ssrc);
    }

    [Fact]
    public void TryRewrite_ShorterThanFixedHeader_ReturnsFalseAndLeavesBytes()
    {
        var packet = Convert.FromHexString("80801234DEADBEEF010203");
        var copy = packet.ToArray();

        var rewritten = RtpHeaderRewriter.TryRewrite(packet, 1, 2, 3);
        var shifted = RtpHeaderRewriter.TryShift(packet, 1, 2, 3);

        Assert.False(rewritten);
        Assert.False(shifted);
        Assert.Equal(copy, packet);
    }
}
