using Inbox.Media.Sdp;

namespace Inbox.Media.Tests.Sdp;

public sealed class SdpAnswererTests
{
    // RFC 3264 §10.1, Alice's offer.
    private const string Rfc3264Offer =
        """
        v=0
        o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com
        s=
        c=IN IP4 host.atlanta.example.com
        t=0 0
        m=audio 49170 RTP/AVP 0 8 97
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:97 iLBC/8000
        m=video 51372 RTP/AVP 31 32
        a=rtpmap:31 H261/90000
        a=rtpmap:32 MPV/90000

        """;

    private static readonly SdpLocalMedia s_local = new()
    {
        Address = "203.0.113.5",
        Port = 40000,
        SessionId = "42",
        Codecs = [SdpCodecs.Pcmu, SdpCodecs.TelephoneEvent],
    };

    [Fact]
    public void CreateAnswer_Rfc3264Example_AcceptsAudioAndRejectsVideo()
    {
        var offer = SdpTestData.Parse(Rfc3264Offer);

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.True(result.IsSuccess);
        var expected =
            "v=0\r\n" +
            "o=inbox 42 1 IN IP4 203.0.113.5\r\n" +
            "s=-\r\n" +
            "c=IN IP4 203.0.113.5\r\n" +
            "t=0 0\r\n" +
            "m=audio 40000 RTP/AVP 0\r\n" +
            "a=rtpmap:0 PCMU/8000\r\n" +
            "a=ptime:20\r\n" +
            "a=sendrecv\r\n" +
            "m=video 0 RTP/AVP 31 32\r\n";
        Assert.Equal(expected, SdpWriter.Write(result.Answer!));
        Assert.Equal(0, result.Media.PayloadType);
        Assert.Equal("host.atlanta.example.com", result.Media.RemoteAddress.Address);
        Assert.Equal(49170, result.Media.RemotePort);
        Assert.Equal(49171, result.Media.RemoteRtcpPort);
        Assert.Null(result.Media.TelephoneEventPayloadType);
    }

    [Fact]
    public void CreateAnswer_DynamicPayloadTypes_KeepsOfferersNumbers()
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/AVP 98 99\na=rtpmap:98 opus/48000/2\na=fmtp:98 useinbandfec=1\na=rtpmap:99 telephone-event/48000\na=fmtp:99 0-15"));
        var local = s_local with { Codecs = [SdpCodecs.Pcma, SdpCodecs.Opus, SdpCodecs.TelephoneEvent] };

        var result = SdpAnswerer.CreateAnswer(offer, local);

        Assert.True(result.IsSuccess);
        var audio = result.Answer!.Media[0];
        Assert.Equal([98, 99], audio.Formats.Select(f => f.PayloadType));
        Assert.Equal(new SdpRtpMap("opus", 48000, 2), audio.Formats[0].RtpMap);
        Assert.Equal("useinbandfec=1; minptime=10", audio.Formats[0].Fmtp);
        Assert.Equal("0-15", audio.Formats[1].Fmtp);
        Assert.Same(SdpCodecs.Opus, result.Media.Codec);
        Assert.Equal("useinbandfec=1", result.Media.RemoteFmtp);
        Assert.Equal(99, result.Media.TelephoneEventPayloadType);
    }

    [Fact]
    public void CreateAnswer_TelephoneEventOffered_NegotiatesIt()
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/AVP 8 0 101\na=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16"));

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.True(result.IsSuccess);
        Assert.Equal(101, result.Media.TelephoneEventPayloadType);
        Assert.Equal([0, 101], result.Answer!.Media[0].Formats.Select(f => f.PayloadType));
        Assert.Contains("a=fmtp:101 0-16\r\n", SdpWriter.Write(result.Answer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=rtcp-xr:rcvr-rtt=all voip-metrics", true)]
    [InlineData("a=rtcp-xr:rcvr-rtt=all", false)]
    [InlineData("a=ptime:20", false)]
    public void CreateAnswer_RtcpXrDeclared_VoipMetricsOnlyWhenListed(string attribute, bool expected)
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/AVP 0\n" + attribute));

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.True(result.IsSuccess);
        Assert.Equal(expected, result.Media!.RemoteAcceptsVoipMetrics);
    }

    [Theory]
    [InlineData("sendonly", "recvonly", true)]
    [InlineData("recvonly", "sendonly", false)]
    [InlineData("inactive", "inactive", true)]
    [InlineData("sendrecv", "sendrecv", false)]
    public void CreateAnswer_OfferedDirection_AnswersPerRfc3264(string offered, string answered, bool remoteHold)
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/AVP 0\na=" + offered));

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.True(result.IsSuccess);
        Assert.Equal(answered, result.Media.Direction.ToAttributeName());
        Assert.Contains("a=" + answered + "\r\n", SdpWriter.Write(result.Answer!), StringComparison.Ordinal);
        Assert.Equal(remoteHold, result.Media.IsRemoteHold);
    }

    [Fact]
    public void CreateAnswer_SessionLevelSendOnly_AppliesToTheMedia()
    {
        var offer = SdpTestData.Parse(Offer("a=sendonly\nm=audio 5004 RTP/AVP 0"));

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.Equal(SdpDirection.RecvOnly, result.Media!.Direction);
    }

    [Fact]
    public void CreateAnswer_OldStyleHoldWithZeroAddress_TreatsPeerAsNotReceiving()
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/AVP 0\nc=IN IP4 0.0.0.0"));

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.True(result.IsSuccess);
        Assert.True(result.Media.IsRemoteHold);
        Assert.Equal(SdpDirection.SendOnly, result.Media.RemoteDirection);
        Assert.Equal(SdpDirection.RecvOnly, result.Media.Direction);
    }

    [Fact]
    public void CreateAnswer_WeHold_AnswersSendOnly()
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/AVP 0"));

        var result = SdpAnswerer.CreateAnswer(offer, s_local with { Direction = SdpDirection.SendOnly });

        Assert.Equal(SdpDirection.SendOnly, result.Media!.Direction);
    }

    [Fact]
    public void CreateAnswer_NoCommonCodec_FailsWithReason()
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/AVP 0 18\nm=video 5006 RTP/AVP 31"));
        var local = s_local with { Codecs = [SdpCodecs.Pcma, SdpCodecs.G722, SdpCodecs.TelephoneEvent] };

        var result = SdpAnswerer.CreateAnswer(offer, local);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Answer);
        Assert.Equal("no common codec: offered PCMU, G729; supported PCMA, G722, telephone-event", result.FailureReason);
    }

    [Fact]
    public void CreateAnswer_FirstAudioUnusable_AcceptsSecondAndRejectsFirst()
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/AVP 18\nm=audio 5006 RTP/AVP 0"));

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.True(result.IsSuccess);
        Assert.Equal(1, result.Media.MediaIndex);
        Assert.Equal(0, result.Answer!.Media[0].Port);
        Assert.Equal(40000, result.Answer.Media[1].Port);
    }

    [Fact]
    public void CreateAnswer_SrtpOnly_FailsWithTransportReason()
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/SAVP 0"));

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.False(result.IsSuccess);
        Assert.Contains("RTP/SAVP", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAnswer_NoAudio_Fails()
    {
        var offer = SdpTestData.Parse(Offer("m=video 5004 RTP/AVP 31"));

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.Equal("no audio stream offered", result.FailureReason);
    }

    [Fact]
    public void CreateAnswer_RtcpMuxOffered_AcceptsIt()
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/AVP 0\na=rtcp-mux"));

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.True(result.Media!.RtcpMux);
        Assert.Equal(5004, result.Media.RemoteRtcpPort);
        Assert.True(result.Answer!.Media[0].RtcpMux);
    }

    [Fact]
    public void CreateAnswer_RtcpAttribute_UsesItsPort()
    {
        var offer = SdpTestData.Parse(Offer("m=audio 5004 RTP/AVP 0\na=rtcp:6000"));

        var result = SdpAnswerer.CreateAnswer(offer, s_local);

        Assert.False(result.Media!.RtcpMux);
        Assert.Equal(6000, result.Media.RemoteRtcpPort);
    }

    [Fact]
    public void CreateAnswer_Ipv6Offer_ReportsIpv6Remote()
    {
        var offer = SdpTestData.Parse("v=0\no=- 1 1 IN IP6 2001:db8::1\ns=-\nc=IN IP6 2001:db8::1\nt=0 0\nm=audio 5004 RTP/AVP 0\n");
        var local = s_local with { Address = "2001:db8::5", AddressType = SdpAddressType.IP6 };

        var result = SdpAnswerer.CreateAnswer(offer, local);

        Assert.Equal(SdpAddressType.IP6, result.Media!.RemoteAddress.AddressType);
        Assert.Contains("c=IN IP6 2001:db8::5\r\n", SdpWriter.Write(result.Answer!), StringComparison.Ordinal);
    }

    private static string Offer(string body) =>
        "v=0\no=bob 7 7 IN IP4 192.0.2.9\ns=-\nc=IN IP4 192.0.2.9\nt=0 0\n" + body + "\n";
}
