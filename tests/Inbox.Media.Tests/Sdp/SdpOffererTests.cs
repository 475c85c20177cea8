using Inbox.Media.Sdp;

namespace Inbox.Media.Tests.Sdp;

public sealed class SdpOffererTests
{
    private static readonly SdpLocalMedia s_local = new()
    {
        Address = "203.0.113.5",
        Port = 40000,
        SessionId = "42",
        SessionVersion = 3,
    };

    [Fact]
    public void CreateOffer_DefaultCodecs_WritesCatalogueWithPtime()
    {
        var offer = SdpOfferer.CreateOffer(s_local);

        var expected =
            "v=0\r\n" +
            "o=inbox 42 3 IN IP4 203.0.113.5\r\n" +
            "s=-\r\n" +
            "c=IN IP4 203.0.113.5\r\n" +
            "t=0 0\r\n" +
            "m=audio 40000 RTP/AVP 0 8 9 111 101\r\n" +
            "a=rtpmap:0 PCMU/8000\r\n" +
            "a=rtpmap:8 PCMA/8000\r\n" +
            "a=rtpmap:9 G722/8000\r\n" +
            "a=rtpmap:111 opus/48000/2\r\n" +
            "a=fmtp:111 useinbandfec=1; minptime=10\r\n" +
            "a=rtpmap:101 telephone-event/8000\r\n" +
            "a=fmtp:101 0-16\r\n" +
            "a=ptime:20\r\n" +
            "a=rtcp-mux\r\n" +
            "a=sendrecv\r\n";
        Assert.Equal(expected, SdpWriter.Write(offer));
    }

    [Fact]
    public void CreateOffer_ThenAnswerByOurselves_RoundTrips()
    {
        var offer = SdpOfferer.CreateOffer(s_local);
        var parsed = SdpTestData.Parse(SdpWriter.Write(offer));

        var result = SdpAnswerer.CreateAnswer(parsed, s_local with { Codecs = [SdpCodecs.Opus, SdpCodecs.TelephoneEvent] });

        Assert.True(result.IsSuccess);
        Assert.Equal(111, result.Media.PayloadType);
        Assert.Equal(101, result.Media.TelephoneEventPayloadType);
    }

    [Fact]
    public void ProcessAnswer_PeerChoosesPcma_SelectsIt()
    {
        var offer = SdpOfferer.CreateOffer(s_local);
        var answer = SdpTestData.Parse(Answer("m=audio 6000 RTP/AVP 8 101\na=rtpmap:101 telephone-event/8000\na=fmtp:101 0-16\na=rtcp-mux"));

        var result = SdpOfferer.ProcessAnswer(offer, answer, s_local);

        Assert.True(result.IsSuccess);
        Assert.Same(SdpCodecs.Pcma, result.Media.Codec);
        Assert.Equal(8, result.Media.PayloadType);
        Assert.Equal(101, result.Media.TelephoneEventPayloadType);
        Assert.True(result.Media.RtcpMux);
        Assert.Equal(6000, result.Media.RemotePort);
        Assert.Equal(SdpDirection.SendRecv, result.Media.Direction);
        Assert.Null(result.Answer);
    }

    [Theory]
    [InlineData("a=sendonly", "recvonly", true)]
    [InlineData("a=inactive", "inactive", true)]
    [InlineData("c=IN IP4 0.0.0.0", "recvonly", true)]
    [InlineData("a=recvonly", "sendonly", false)]
    public void ProcessAnswer_PeerHolds_DetectsIt(string line, string expected, bool remoteHold)
    {
        var offer = SdpOfferer.CreateOffer(s_local);
        var answer = SdpTestData.Parse(Answer("m=audio 6000 RTP/AVP 0\n" + line));

        var result = SdpOfferer.ProcessAnswer(offer, answer, s_local);

        Assert.Equal(expected, result.Media!.Direction.ToAttributeName());
        Assert.Equal(remoteHold, result.Media.IsRemoteHold);
    }

    [Fact]
    public void ProcessAnswer_AudioRejected_Fails()
    {
        var offer = SdpOfferer.CreateOffer(s_local);
        var answer = SdpTestData.Parse(Answer("m=audio 0 RTP/AVP 0"));

        var result = SdpOfferer.ProcessAnswer(offer, answer, s_local);

        Assert.False(result.IsSuccess);
        Assert.Contains("rejected", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProcessAnswer_CodecWeNeverOffered_FailsWithReason()
    {
        var offer = SdpOfferer.CreateOffer(s_local with { Codecs = [SdpCodecs.Pcmu] });
        var answer = SdpTestData.Parse(Answer("m=audio 6000 RTP/AVP 18"));

        var result = SdpOfferer.ProcessAnswer(offer, answer, s_local);

        Assert.Equal("no common codec: answered G729; supported PCMU, PCMA, G722, opus, telephone-event", result.FailureReason);
    }

    [Fact]
    public void ProcessAnswer_WrongMediaCount_Fails()
    {
        var offer = SdpOfferer.CreateOffer(s_local);
        var answer = SdpTestData.Parse(Answer("m=audio 6000 RTP/AVP 0\nm=video 0 RTP/AVP 31"));

        var result = SdpOfferer.ProcessAnswer(offer, answer, s_local);

        Assert.Equal("the answer has 2 m= lines, the offer had 1", result.FailureReason);
    }

    private static string Answer(string body) =>
        "v=0\no=bob 7 7 IN IP4 192.0.2.9\ns=-\nc=IN IP4 192.0.2.9\nt=0 0\n" + body + "\n";
}
