using Inbox.Media.Rtcp;

namespace Inbox.Media.Tests.Rtcp;

public sealed class RtcpCompoundValidatorTests
{
    [Fact]
    public void IsWellFormed_ReceiverReportAndSdes_True()
    {
        var datagram = new byte[64];
        RtcpReceiverReport.TryWrite(datagram, 1, [new RtcpReportBlock(2, 0, 0, 1, 0, 0, 0)], out var rr);
        RtcpSdesPacket.TryWrite(datagram.AsSpan(rr), 1, "a@b"u8, out var sdes);

        var valid = RtcpCompoundValidator.IsWellFormed(datagram.AsSpan(0, rr + sdes));

        Assert.True(valid);
    }

    [Fact]
    public void IsWellFormed_FramingValidButSdesItemRunsPastPacket_False()
    {
        var datagram = new byte[64];
        RtcpReceiverReport.TryWrite(datagram, 1, [], out var rr);
        RtcpSdesPacket.TryWrite(datagram.AsSpan(rr), 1, "a@b"u8, out var sdes);
        datagram[rr + 9] = 200; // CNAME length beyond the packet

        var valid = RtcpCompoundValidator.IsWellFormed(datagram.AsSpan(0, rr + sdes));

        Assert.False(valid);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x80, 0xC9, 0x00, 0x05 })]
    [InlineData(new byte[] { 0x40, 0xC9, 0x00, 0x00 })]
    public void IsWellFormed_EmptyTruncatedOrWrongVersion_False(byte[] datagram)
    {
        var valid = RtcpCompoundValidator.IsWellFormed(datagram);

        Assert.False(valid);
    }
}
