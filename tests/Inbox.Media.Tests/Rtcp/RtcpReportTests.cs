using Inbox.Media.Rtcp;

namespace Inbox.Media.Tests.Rtcp;

public sealed class RtcpReportTests
{
    private const string ReportBlockHex = "55667788" + "40FFFFFE" + "00010005" + "00000020" + "A3B28000" + "00018000";

    // RFC 3550 §6.4.1 layout: V=2 RC=1 PT=200 length=12, SSRC, NTP, RTP ts, packet count, octet count, one block.
    private static readonly byte[] s_senderReport = Convert.FromHexString(
        "81C8000C" + "11223344" + "E5F4A3B280000000" + "00001F40" + "00000064" + "00003E80" + ReportBlockHex);

    private static readonly RtcpReportBlock s_block = new(0x55667788, 0x40, -2, 0x00010005, 0x20, 0xA3B28000, 0x00018000);

    [Fact]
    public void TryParse_SenderReport_ReadsSenderInfoAndBlock()
    {
        var packet = s_senderReport;

        var ok = RtcpSenderReport.TryParse(packet, out var report);

        Assert.True(ok);
        Assert.Equal(0x11223344u, report.Ssrc);
        Assert.Equal(0xE5F4A3B280000000ul, report.SenderInfo.NtpTimestamp.Value);
        Assert.Equal(8000u, report.SenderInfo.RtpTimestamp);
        Assert.Equal(100u, report.SenderInfo.PacketCount);
        Assert.Equal(16000u, report.SenderInfo.OctetCount);
        Assert.Equal(1, report.ReportCount);
        var block = report.GetReportBlock(0);
        Assert.Equal(s_block, block);
        Assert.Equal(-2, block.CumulativeLost);
    }

    [Fact]
    public void TryWrite_SenderReport_MatchesRfcLayout()
    {
        var info = new RtcpSenderInfo(new NtpTimestamp(0xE5F4A3B280000000), 8000, 100, 16000);
        var buffer = new byte[64];

        var ok = RtcpSenderReport.TryWrite(buffer, 0x11223344, info, [s_block], out var written);

        Assert.True(ok);
        Assert.Equal(s_senderReport, buffer.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void TryWrite_ReceiverReport_RoundTrips()
    {
        var second = new RtcpReportBlock(9, 0, RtcpReportBlock.MaxCumulativeLost, 1, 2, 0, 0);
        var buffer = new byte[64];

        var ok = RtcpReceiverReport.TryWrite(buffer, 0xAABBCCDD, [s_block, second], out var written);
        var parsed = RtcpReceiverReport.TryParse(buffer.AsSpan(0, written), out var report);

        Assert.True(ok);
        Assert.Equal(8 + 48, written);
        Assert.Equal(Convert.FromHexString("82C9000DAABBCCDD" + ReportBlockHex), buffer.AsSpan(0, 32).ToArray());
        Assert.True(parsed);
        Assert.Equal(0xAABBCCDDu, report.Ssrc);
        Assert.Equal(2, report.ReportCount);
        Assert.Equal(s_block, report.GetReportBlock(0));
        Assert.Equal(second, report.GetReportBlock(1));
    }

    [Fact]
    public void TryWrite_EmptyReceiverReport_IsEightBytes()
    {
        var buffer = new byte[8];

        var ok = RtcpReceiverReport.TryWrite(buffer, 1, [], out var written);

        Assert.True(ok);
        Assert.Equal(Convert.FromHexString("80C9000100000001"), buffer);
        Assert.Equal(8, written);
    }

    [Fact]
    public void ReportBlock_CumulativeLostOutOfRange_IsClampedTo24Bits()
    {
        var high = new RtcpReportBlock(1, 0, 10_000_000, 0, 0, 0, 0);
        var low = new RtcpReportBlock(1, 0, -10_000_000, 0, 0, 0, 0);
        var buffer = new byte[24];

        high.TryWrite(buffer, out _);
        var highWire = buffer[4..8];
        low.TryWrite(buffer, out _);
        var lowWire = buffer[4..8];

        Assert.Equal(0x7FFFFF, high.CumulativeLost);
        Assert.Equal(-0x800000, low.CumulativeLost);
        Assert.Equal(Convert.FromHexString("007FFFFF"), highWire);
        Assert.Equal(Convert.FromHexString("00800000"), lowWire);
    }

    [Theory]
    [InlineData("81C8000C", 40)] // truncated: length says 52 bytes
    [InlineData("41C8000C", 52)] // version 1
    [InlineData("82C8000C", 52)] // RC=2 but room for one block
    [InlineData("81C9000C", 52)] // an RR, not an SR
    [InlineData("A1C8000C", 52)] // padding bit, but the last byte (padding count) is 0
    public void TryParse_MalformedSenderReport_ReturnsFalse(string headerHex, int length)
    {
        var packet = s_senderReport.AsSpan(0, length).ToArray();
        Convert.FromHexString(headerHex).CopyTo(packet, 0);

        var ok = RtcpSenderReport.TryParse(packet, out _);

        Assert.False(ok);
    }

    [Theory]
    [InlineData("")]
    [InlineData("81C9")] // shorter than the common header
    [InlineData("81C90001AABBCCDD")] // RC=1 without a block
    [InlineData("80C90002AABBCCDD")] // length 12 bytes, 8 present
    [InlineData("80C90000")] // length 4 bytes: no room for the SSRC
    public void TryParse_MalformedReceiverReport_ReturnsFalse(string hex)
    {
        var packet = Convert.FromHexString(hex);

        var ok = RtcpReceiverReport.TryParse(packet, out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryWrite_TooManyBlocksOrShortBuffer_ReturnsFalse()
    {
        var blocks = new RtcpReportBlock[32];

        var tooMany = RtcpReceiverReport.TryWrite(new byte[2048], 1, blocks, out _);
        var tooShort = RtcpSenderReport.TryWrite(new byte[27], 1, default, [], out var written);

        Assert.False(tooMany);
        Assert.False(tooShort);
        Assert.Equal(0, written);
    }
}
