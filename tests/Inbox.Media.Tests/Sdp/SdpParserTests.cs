using Inbox.Media.Sdp;

namespace Inbox.Media.Tests.Sdp;

public sealed class SdpParserTests
{
    private const string Canonical =
        "v=0\r\n" +
        "o=alice 2890844526 2890844527 IN IP4 198.51.100.1\r\n" +
        "s=-\r\n" +
        "c=IN IP4 198.51.100.1\r\n" +
        "b=AS:80\r\n" +
        "t=0 0\r\n" +
        "a=tool:inbox\r\n" +
        "a=sendrecv\r\n" +
        "m=audio 49170/2 RTP/AVP 0 111 101\r\n" +
        "c=IN IP4 198.51.100.2\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:111 opus/48000/2\r\n" +
        "a=fmtp:111 useinbandfec=1; minptime=10\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=maxptime:40\r\n" +
        "a=rtcp:53020 IN IP4 198.51.100.3\r\n" +
        "a=rtcp-mux\r\n" +
        "a=x-first:1\r\n" +
        "a=x-flag\r\n" +
        "a=x-second:2\r\n" +
        "a=recvonly\r\n" +
        "m=application 9 TCP/BFCP *\r\n" +
        "a=floorctrl:c-s\r\n";

    [Fact]
    public void TryParse_CanonicalSdp_ReadsEveryField()
    {
        var ok = SdpParser.TryParse(Canonical, out var session, out var error);

        Assert.True(ok, error);
        Assert.Equal("alice", session!.Origin.Username);
        Assert.Equal(2890844527UL, session.Origin.SessionVersion);
        Assert.Equal(SdpDirection.SendRecv, session.Direction);
        var audio = session.Media[0];
        Assert.Equal(49170, audio.Port);
        Assert.Equal(2, audio.PortCount);
        Assert.Equal([0, 111, 101], audio.Formats.Select(f => f.PayloadType));
        Assert.Equal(new SdpRtpMap("opus", 48000, 2), audio.Formats[1].RtpMap);
        Assert.Equal("useinbandfec=1; minptime=10", audio.Formats[1].Fmtp);
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(40, audio.MaxPtime);
        Assert.Equal(53020, audio.RtcpPort);
        Assert.Equal("198.51.100.3", audio.RtcpConnection!.Address);
        Assert.True(audio.RtcpMux);
        Assert.Equal(SdpDirection.RecvOnly, session.GetDirection(audio));
        Assert.Equal(["x-first", "x-flag", "x-second"], audio.Attributes.Select(a => a.Name));
        Assert.Equal("*", session.Media[1].RawFormats);
    }

    [Fact]
    public void Write_ParsedCanonicalSdp_IsByteExact()
    {
        var session = SdpTestData.Parse(Canonical);

        var written = SdpWriter.Write(session);

        Assert.Equal(Canonical, written);
    }

    [Fact]
    public void TryParse_BareLineFeeds_AreAccepted()
    {
        var text = Canonical.Replace("\r\n", "\n", StringComparison.Ordinal);

        var ok = SdpParser.TryParse(text, out var session, out _);

        Assert.True(ok);
        Assert.Equal(Canonical, SdpWriter.Write(session!));
    }

    [Fact]
    public void TryParse_Utf8Bytes_MatchesText()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Canonical);

        var ok = SdpParser.TryParse(bytes, out var session, out _);

        Assert.True(ok);
        Assert.Equal(bytes, SdpWriter.WriteUtf8(session!));
    }

    [Fact]
    public void TryParse_Ipv6Connection_ReadsAddressType()
    {
        var text = "v=0\no=- 1 1 IN IP6 2001:db8::1\ns=-\nc=IN IP6 2001:db8::2\nt=0 0\nm=audio 5004 RTP/AVP 8\n";

        var ok = SdpParser.TryParse(text, out var session, out _);

        Assert.True(ok);
        Assert.Equal(SdpAddressType.IP6, session!.Origin.AddressType);
        Assert.Equal(new SdpConnection(SdpAddressType.IP6, "2001:db8::2"), session.GetConnection(session.Media[0]));
        Assert.Equal("PCMA", session.Media[0].Formats[0].EffectiveRtpMap!.EncodingName);
    }

    [Theory]
    [InlineData("m=audio RTP/AVP 0", "line 5", "bad m= line")]
    [InlineData("m=audio 70000 RTP/AVP 0", "line 5", "port")]
    [InlineData("m=audio 5004 RTP/AVP PCMU", "line 5", "payload type")]
    [InlineData("m=audio 5004 RTP/AVP 0\na=rtpmap:101 telephone-event/8000", "line 6", "not on the m= line")]
    [InlineData("m=audio 5004 RTP/AVP 0\na=fmtp:101 0-16", "line 6", "not on the m= line")]
    [InlineData("m=audio 5004 RTP/AVP 96\na=rtpmap:96 opus", "line 6", "bad a=rtpmap")]
    [InlineData("m=audio 5004 RTP/AVP 0\na=ptime:twenty", "line 6", "a=ptime")]
    [InlineData("m=audio 5004 RTP/AVP 0\nc=IN IP5 1.2.3.4", "line 6", "bad c= line")]
    [InlineData("m=audio 5004 RTP/AVP 0\nx", "line 6", "<type>=<value>")]
    [InlineData("m=audio 5004 RTP/AVP 0\nt=0 0", "line 6", "not allowed")]
    public void TryParse_MalformedLine_FailsNamingTheLine(string mediaLines, string line, string reason)
    {
        var text = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\n" + mediaLines + "\n";

        var ok = SdpParser.TryParse(text, out var session, out var error);

        Assert.False(ok);
        Assert.Null(session);
        Assert.StartsWith(line + " ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_MissingConnection_FailsNamingTheMedia()
    {
        var text = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 5004 RTP/AVP 0\n";

        var ok = SdpParser.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Equal("media 1 (m=audio 5004): missing c= line at session and media level", error);
    }

    [Theory]
    [InlineData("", "missing v= line")]
    [InlineData("o=- 1 1 IN IP4 192.0.2.1\n", "must start with v=")]
    [InlineData("v=1\n", "v=0")]
    [InlineData("v=0\ns=-\nt=0 0\n", "missing o= line")]
    [InlineData("v=0\no=- 1 1 IN IP4 192.0.2.1\nt=0 0\n", "missing s= line")]
    [InlineData("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\n", "missing t= line")]
    [InlineData("v=0\no=- 1 x IN IP4 192.0.2.1\ns=-\nt=0 0\n", "bad o= line")]
    public void TryParse_BadSessionPart_Fails(string text, string reason)
    {
        var ok = SdpParser.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidUtf8_FailsWithoutThrowing()
    {
        byte[] bytes = [(byte)'v', (byte)'=', 0xC3, 0x28];

        var ok = SdpParser.TryParse(bytes, out _, out var error);

        Assert.False(ok);
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
    }
}
