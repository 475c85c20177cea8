using Inbox.Media.Rtp;

namespace Inbox.Media.Tests.Rtp;

public sealed class RtpHeaderTests
{
    // V=2 P=0 X=0 CC=0 | M=1 PT=0 | seq 0x1234 | ts 0xDEADBEEF | SSRC 0x01020304 | payload AA BB.
    private static readonly byte[] s_simple = Convert.FromHexString("80801234DEADBEEF01020304AABB");

    [Fact]
    public void TryParse_FixedHeader_ReadsEveryField()
    {
        var packet = s_simple;

        var ok = RtpHeader.TryParse(packet, out var header);

        Assert.True(ok);
        Assert.Equal(2, header.Version);
        Assert.False(header.HasPadding);
        Assert.False(header.HasExtension);
        Assert.Equal(0, header.CsrcCount);
        Assert.True(header.Marker);
        Assert.Equal(0, header.PayloadType);
        Assert.Equal(0x1234, header.SequenceNumber);
        Assert.Equal(0xDEADBEEFu, header.Timestamp);
        Assert.Equal(0x01020304u, header.Ssrc);
        Assert.Equal(12, header.PayloadOffset);
        Assert.Equal([0xAA, 0xBB], header.GetPayload(packet).ToArray());
    }

    [Fact]
    public void TryParse_CsrcsExtensionAndPadding_LocatesEachPart()
    {
        // V=2 P=1 X=1 CC=2, PT=8; CSRCs 11111111 22222222; extension profile BEDE, 1 word; payload 0102; 3 padding bytes.
        var packet = Convert.FromHexString("B2080001000000A0CAFEBABE" + "1111111122222222" + "BEDE0001AABBCCDD" + "0102" + "000003");

        var ok = RtpHeader.TryParse(packet, out var header);

        Assert.True(ok);
        Assert.True(header.HasPadding);
        Assert.True(header.HasExtension);
        Assert.Equal(2, header.CsrcCount);
        Assert.False(header.Marker);
        Assert.Equal(8, header.PayloadType);
        Assert.Equal(0x11111111u, header.GetCsrc(packet, 0));
        Assert.Equal(0x22222222u, header.GetCsrc(packet, 1));
        Assert.Equal(8, header.GetCsrcList(packet).Length);
        Assert.Equal(0xBEDE, header.ExtensionProfile);
        Assert.Equal(4, header.ExtensionLength);
        Assert.Equal([0xAA, 0xBB, 0xCC, 0xDD], header.GetExtensionData(packet).ToArray());
        Assert.Equal(28, header.PayloadOffset);
        Assert.Equal(3, header.PaddingLength);
        Assert.Equal([0x01, 0x02], header.GetPayload(packet).ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("80001234DEADBEEF010203")] // 11 bytes
    [InlineData("40001234DEADBEEF01020304")] // version 1
    [InlineData("C0001234DEADBEEF01020304")] // version 3
    [InlineData("81001234DEADBEEF01020304")] // CC=1, no CSRC
    [InlineData("8F001234DEADBEEF0102030411111111")] // CC=15, one CSRC
    [InlineData("90001234DEADBEEF01020304BEDE")] // X=1, extension header cut
    [InlineData("90001234DEADBEEF01020304BEDE0002AABBCCDD")] // X=1, two words announced, one present
    [InlineData("A0001234DEADBEEF01020304AABB00")] // padding count 0
    [InlineData("A0001234DEADBEEF01020304AA04")] // padding 4 > 2 bytes after header
    [InlineData("A0001234DEADBEEF01020304")] // padding bit, no byte after header
    public void TryParse_MalformedPacket_ReturnsFalse(string hex)
    {
        var packet = Convert.FromHexString(hex);

        var ok = RtpHeader.TryParse(packet, out var header);

        Assert.False(ok);
        Assert.Equal(default, header);
    }

    [Fact]
    public void TryParse_PaddingFillsWholeBody_ReturnsEmptyPayload()
    {
        var packet = Convert.FromHexString("A0001234DEADBEEF010203040002");

        var ok = RtpHeader.TryParse(packet, out var header);

        Assert.True(ok);
        Assert.Equal(0, header.PayloadLength);
    }

    [Fact]
    public void TryWrite_NewHeader_WritesRfcLayout()
    {
        var header = new RtpHeader(payloadType: 0, marker: true, sequenceNumber: 0x1234, timestamp: 0xDEADBEEF, ssrc: 0x01020304);
        var buffer = new byte[12];

        var ok = header.TryWrite(buffer, out var written);

        Assert.True(ok);
        Assert.Equal(12, written);
        Assert.Equal(s_simple.AsSpan(0, 12).ToArray(), buffer);
    }

    [Fact]
    public void TryWrite_DestinationTooShort_ReturnsFalse()
    {
        var header = new RtpHeader(0, false, 1, 2, 3);

        var ok = header.TryWrite(new byte[11], out var written);

        Assert.False(ok);
        Assert.Equal(0, written);
    }
}
