using Inbox.Media.Rtp;

namespace Inbox.Media.Tests.Rtp;

public sealed class RtpPacketWriterTests
{
    [Fact]
    public void TryWrite_FullPacket_RoundTripsThroughTryParse()
    {
        var header = new RtpHeader(96, true, 65535, 123456, 0xCAFEBABE);
        uint[] csrcs = [7, 8, 9];
        byte[] extension = [1, 2, 3, 4, 5, 6, 7, 8];
        var payload = new byte[160];
        payload.AsSpan().Fill(0xD5);
        var buffer = new byte[256];

        var ok = RtpPacketWriter.TryWrite(buffer, header, csrcs, 0x1000, extension, payload, 4, out var written);
        var parsed = RtpHeader.TryParse(buffer.AsSpan(0, written), out var read);

        Assert.True(ok);
        Assert.Equal(12 + 12 + 4 + 8 + 160 + 4, written);
        Assert.True(parsed);
        Assert.Equal(96, read.PayloadType);
        Assert.True(read.Marker);
        Assert.Equal(65535, read.SequenceNumber);
        Assert.Equal(123456u, read.Timestamp);
        Assert.Equal(0xCAFEBABEu, read.Ssrc);
        Assert.Equal(3, read.CsrcCount);
        Assert.Equal(9u, read.GetCsrc(buffer, 2));
        Assert.Equal(0x1000, read.ExtensionProfile);
        Assert.Equal(extension, read.GetExtensionData(buffer).ToArray());
        Assert.Equal(4, read.PaddingLength);
        Assert.Equal(payload, read.GetPayload(buffer.AsSpan(0, written)).ToArray());
    }

    [Theory]
    [InlineData(16, 0, 0, 256)] // too many CSRCs
    [InlineData(0, 3, 0, 256)] // extension not whole words
    [InlineData(0, 0, 256, 512)] // padding over 255
    [InlineData(0, 0, 0, 20)] // destination too short for 12 + 160
    public void TryWrite_InvalidArguments_ReturnsFalse(int csrcCount, int extensionLength, int padding, int bufferLength)
    {
        var header = new RtpHeader(0, false, 1, 2, 3);

        var ok = RtpPacketWriter.TryWrite(
            new byte[bufferLength], header, new uint[csrcCount], 0, new byte[extensionLength], new byte[160], padding, out var written);

        Assert.False(ok);
        Assert.Equal(0, written);
    }
}
