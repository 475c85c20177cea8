using Inbox.Media.Rtcp;

namespace Inbox.Media.Tests.Rtcp;

public sealed class RtcpCompoundReaderTests
{
    private const string EmptyRr = "80C90001" + "00000001";
    private const string Sdes = "81CA0003" + "00000001" + "0104" + "61624068" + "0000";
    private const string Bye = "81CB0001" + "00000001";

    [Fact]
    public void Enumerate_RrSdesBye_YieldsEachPacket()
    {
        var datagram = Convert.FromHexString(EmptyRr + Sdes + Bye);
        var types = new List<RtcpPacketType>();
        var lengths = new List<int>();

        var reader = new RtcpCompoundReader(datagram, requireReportFirst: true);
        foreach (var packet in reader)
        {
            types.Add(packet.PacketType);
            lengths.Add(packet.Data.Length);
        }

        Assert.Equal([RtcpPacketType.ReceiverReport, RtcpPacketType.SourceDescription, RtcpPacketType.Goodbye], types);
        Assert.Equal([8, 16, 8], lengths);
        Assert.True(RtcpCompoundReader.IsValid(datagram, requireReportFirst: true));
    }

    [Fact]
    public void MoveNext_MalformedSecondPacket_StopsAndFlags()
    {
        var datagram = Convert.FromHexString(EmptyRr + "40CA0001" + "00000001");
        var reader = new RtcpCompoundReader(datagram);

        var first = reader.MoveNext();
        var second = reader.MoveNext();

        Assert.True(first);
        Assert.False(second);
        Assert.True(reader.IsMalformed);
    }

    [Theory]
    [InlineData(EmptyRr + "81CA0009" + "00000001")] // length past the datagram
    [InlineData(EmptyRr + "81CA")] // trailing bytes shorter than a header
    [InlineData("A0C90001" + "00000001" + Bye)] // padding on a packet that is not last
    [InlineData("")] // empty datagram
    public void IsValid_BadLengthsOrPadding_ReturnsFalse(string hex)
    {
        var datagram = Convert.FromHexString(hex);

        var valid = RtcpCompoundReader.IsValid(datagram);

        Assert.False(valid);
    }

    [Fact]
    public void IsValid_SdesFirst_DependsOnOption()
    {
        var datagram = Convert.FromHexString(Sdes + Bye);

        var strict = RtcpCompoundReader.IsValid(datagram, requireReportFirst: true);
        var reduced = RtcpCompoundReader.IsValid(datagram, requireReportFirst: false);

        Assert.False(strict);
        Assert.True(reduced);
    }

    [Fact]
    public void IsValid_PaddedLastPacket_ReturnsTrue()
    {
        // BYE with P=1, length 3 words: SSRC then 4 padding bytes whose last octet counts 4.
        var datagram = Convert.FromHexString(EmptyRr + "A1CB0002" + "00000001" + "00000004");

        var valid = RtcpCompoundReader.IsValid(datagram, requireReportFirst: true);

        Assert.True(valid);
    }
}
