using System.Text;
using Inbox.Media.Rtcp;

namespace Inbox.Media.Tests.Rtcp;

public sealed class RtcpSdesAndByeTests
{
    [Fact]
    public void TryWrite_Cname_MatchesRfcLayout()
    {
        var buffer = new byte[32];

        var ok = RtcpSdesPacket.TryWrite(buffer, 0x01020304, "ab@h"u8, out var written);

        // V=2 SC=1 PT=202 length=3 | SSRC | CNAME=1 len=4 "ab@h" | null + pad to 32 bits.
        Assert.True(ok);
        Assert.Equal(16, written);
        Assert.Equal(Convert.FromHexString("81CA0003" + "01020304" + "0104" + "61624068" + "0000"), buffer.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void TryParse_ChunksWithOtherItems_SkipsThemAndFindsCname()
    {
        // Two chunks: NAME "x" then CNAME "u@h" then null padding; a second chunk with only EMAIL "e" (no CNAME).
        var packet = Convert.FromHexString(
            "82CA0006" + "0000000A" + "020178" + "0103754068" + "00000000" + "0000000B" + "030165" + "00");

        var ok = RtcpSdesPacket.TryParse(packet, out var sdes);
        var ssrcs = new List<uint>();
        var cnames = new List<string>();
        foreach (var chunk in sdes)
        {
            ssrcs.Add(chunk.Ssrc);
            cnames.Add(Encoding.UTF8.GetString(chunk.Cname));
        }

        Assert.True(ok);
        Assert.Equal(2, sdes.ChunkCount);
        Assert.Equal([10u, 11u], ssrcs);
        Assert.Equal(["u@h", ""], cnames);
    }

    [Theory]
    [InlineData("81CA0002" + "0000000A" + "010A7540")] // item length runs past the packet
    [InlineData("81CA0002" + "0000000A" + "01027540")] // no null terminator before the end
    [InlineData("82CA0002" + "0000000A" + "00000000")] // SC=2, one chunk
    [InlineData("81CA0001" + "0000000A")] // chunk without its item list
    [InlineData("81CB0002" + "0000000A" + "00000000")] // a BYE, not SDES
    public void TryParse_MalformedSdes_ReturnsFalse(string hex)
    {
        var packet = Convert.FromHexString(hex);

        var ok = RtcpSdesPacket.TryParse(packet, out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryWrite_CnameTooLong_ReturnsFalse()
    {
        var cname = new byte[256];

        var ok = RtcpSdesPacket.TryWrite(new byte[512], 1, cname, out var written);

        Assert.False(ok);
        Assert.Equal(0, written);
    }

    [Fact]
    public void TryWrite_ByeWithReason_MatchesRfcLayoutAndRoundTrips()
    {
        var buffer = new byte[32];

        var ok = RtcpByePacket.TryWrite(buffer, [0x01020304, 0x05060708], "bye"u8, out var written);
        var parsed = RtcpByePacket.TryParse(buffer.AsSpan(0, written), out var bye);

        // V=2 SC=2 PT=203 length=3 | two SSRCs | len=3 "bye" (exactly one word).
        Assert.True(ok);
        Assert.Equal(Convert.FromHexString("82CB0003" + "01020304" + "05060708" + "03627965"), buffer.AsSpan(0, written).ToArray());
        Assert.True(parsed);
        Assert.Equal(2, bye.SourceCount);
        Assert.Equal(0x05060708u, bye.GetSource(1));
        Assert.Equal("bye", Encoding.UTF8.GetString(bye.Reason));
    }

    [Fact]
    public void TryParse_ByeWithoutReason_HasEmptyReason()
    {
        var packet = Convert.FromHexString("81CB0001" + "01020304");

        var ok = RtcpByePacket.TryParse(packet, out var bye);

        Assert.True(ok);
        Assert.Equal(1, bye.SourceCount);
        Assert.Equal(0x01020304u, bye.GetSource(0));
        Assert.True(bye.Reason.IsEmpty);
    }

    [Theory]
    [InlineData("82CB0001" + "01020304")] // SC=2, one source
    [InlineData("81CB0002" + "01020304" + "09616263")] // reason length 9, 3 bytes present
    [InlineData("81CB0002" + "01020304")] // length beyond the data
    public void TryParse_MalformedBye_ReturnsFalse(string hex)
    {
        var packet = Convert.FromHexString(hex);

        var ok = RtcpByePacket.TryParse(packet, out _);

        Assert.False(ok);
    }
}
