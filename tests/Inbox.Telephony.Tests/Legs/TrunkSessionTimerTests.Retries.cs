using Inbox.Interactions.Calls;
using Inbox.Sip.Auth;
using Inbox.Sip.Messages;
using Inbox.Telephony.Trunks;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// A 422 combined with a digest challenge, in either order, and a 422 to a refresh: the trunk checks our credentials
/// with the server's own digest verifier, nonce-count replay protection included.
/// </summary>
public sealed partial class TrunkSessionTimerTests
{
    private const string TooBrief = "Session Interval Too Small";

    [Fact]
    public async Task Dial_TrunkChallengesThenAnswers422_RetryCarriesFreshCredentialsAndTheRaisedInterval()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var carrier = CreateCarrierVerifier();
        var callId = DialWithCredentials(phone, trunk);
        await AnswerPhoneAsync(phone);

        var first = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(first, 407, "Proxy Authentication Required", headers: ChallengeHeaders(carrier));
        await trunk.ReceiveRequestAsync("ACK");
        var second = await trunk.ReceiveRequestAsync("INVITE");
        var secondVerified = await VerifyAsync(carrier, second);
        await trunk.RespondAsync(second, 422, TooBrief, headers: "Min-SE: 3600\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        var third = await trunk.ReceiveRequestAsync("INVITE");
        var thirdVerified = await VerifyAsync(carrier, third);
        await trunk.RespondAsync(third, 200, "OK", trunk.PcmuAnswer, "Session-Expires: 3600;refresher=uas\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        var connected = await UntilConnectedAsync(callId);
        await HangUpAsync(callId, phone, trunk);

        Assert.True(secondVerified.IsSuccess, $"the first credentials: {secondVerified.Status} {secondVerified.Reason}");
        Assert.True(thirdVerified.IsSuccess, $"the credentials after the 422: {thirdVerified.Status} {thirdVerified.Reason}");
        Assert.Contains("nc=00000002", third.GetHeader(SipHeaderId.ProxyAuthorization), StringComparison.Ordinal);
        Assert.Equal((first.CallId, first.From.Tag, 3L), (third.CallId, third.From.Tag, third.CSeq.Number));
        Assert.Equal(("3600", "3600"), (third.GetHeader(SipHeaderId.SessionExpires), third.GetHeader("Min-SE")));
        Assert.Equal(CallState.Connected, connected.State);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Dial_TrunkAnswers422ThenChallenges_AuthenticatedInviteKeepsTheRaisedInterval()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var carrier = CreateCarrierVerifier();
        var callId = DialWithCredentials(phone, trunk);
        await AnswerPhoneAsync(phone);

        var first = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(first, 422, TooBrief, headers: "Min-SE: 3600\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        var second = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(second, 407, "Proxy Authentication Required", headers: ChallengeHeaders(carrier));
        await trunk.ReceiveRequestAsync("ACK");
        var third = await trunk.ReceiveRequestAsync("INVITE");
        var verified = await VerifyAsync(carrier, third);
        await trunk.RespondAsync(third, 200, "OK", trunk.PcmuAnswer, "Session-Expires: 3600;refresher=uas\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        var connected = await UntilConnectedAsync(callId);
        await HangUpAsync(callId, phone, trunk);

        Assert.True(verified.IsSuccess, $"the credentials: {verified.Status} {verified.Reason}");
        Assert.Equal(3L, third.CSeq.Number);
        Assert.Equal(("3600", "3600"), (second.GetHeader(SipHeaderId.SessionExpires), second.GetHeader("Min-SE")));
        Assert.Equal(("3600", "3600"), (third.GetHeader(SipHeaderId.SessionExpires), third.GetHeader("Min-SE")));
        Assert.Equal(CallState.Connected, connected.State);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Refresh_TrunkAnswers422_RefreshedAtOnceAboveItsMinSeAndLaterRefreshesKeepIt()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await ConnectOutboundAsync(phone, trunk, "Require: timer\r\nSession-Expires: 120;refresher=uac\r\n");

        Time.Advance(TimeSpan.FromSeconds(60));
        var refused = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(refused, 422, TooBrief, headers: "Min-SE: 300\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        var raised = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(raised, 200, "OK", trunk.PcmuAnswer, "Require: timer\r\nSession-Expires: 300;refresher=uac\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        Time.Advance(TimeSpan.FromSeconds(150));
        var next = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(next, 200, "OK", trunk.PcmuAnswer, "Require: timer\r\nSession-Expires: 300;refresher=uac\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        await HangUpAsync(call.CallId, phone, trunk);

        Assert.Equal(("120;refresher=uac", "90"), (refused.GetHeader(SipHeaderId.SessionExpires), refused.GetHeader("Min-SE")));
        Assert.Equal(refused.CSeq.Number + 1, raised.CSeq.Number);
        Assert.Equal(("300;refresher=uac", "300"), (raised.GetHeader(SipHeaderId.SessionExpires), raised.GetHeader("Min-SE")));
        Assert.Equal(("300;refresher=uac", "300"), (next.GetHeader(SipHeaderId.SessionExpires), next.GetHeader("Min-SE")));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Refresh_After422ToTheInvite_CarriesTheRaisedMinSe()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var callId = Guid.NewGuid().ToString("N");
        Harness.Handler.Dial(callId, OutboundInteraction, Agent, [phone.Extension], "support", RouteTo(trunk));
        await AnswerPhoneAsync(phone);
        var first = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(first, 422, TooBrief, headers: "Min-SE: 3600\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        var second = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(second, 200, "OK", trunk.PcmuAnswer, "Require: timer\r\nSession-Expires: 3600;refresher=uac\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        await UntilConnectedAsync(callId);

        // The phone's leg keeps our 1800 s and is refreshed every 900 s; the trunk's, at 1800 s.
        Time.Advance(TimeSpan.FromSeconds(900));
        await AnswerPhoneAsync(phone);
        await Harness.Handler.GetCallAsync(callId); // The phone's next refresh is armed once the executor is past its 200.
        Time.Advance(TimeSpan.FromSeconds(900));
        await AnswerPhoneAsync(phone);
        var refresh = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(refresh, 200, "OK", trunk.PcmuAnswer, "Require: timer\r\nSession-Expires: 3600;refresher=uac\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        await HangUpAsync(callId, phone, trunk);

        Assert.Equal(("3600;refresher=uac", "3600"), (refresh.GetHeader(SipHeaderId.SessionExpires), refresh.GetHeader("Min-SE")));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task AgentCall_CalleePhoneAnswered422_ItsRefreshesCarryTheRaisedMinSe()
    {
        using var caller = Register(new TestPhone("1002"));
        using var callee = Register(new TestPhone("1001"));
        var placed = Harness.Handler.CallAgent(Agent, [caller.Extension], "ana", [callee.Extension]);
        await AnswerPhoneAsync(caller);
        var first = await callee.ReceiveRequestAsync("INVITE");
        await callee.RespondAsync(first, 422, TooBrief, headers: "Min-SE: 2400\r\n");
        await callee.ReceiveRequestAsync("ACK");
        var second = await callee.ReceiveRequestAsync("INVITE");
        await callee.RespondAsync(second, 200, "OK", callee.PcmuAnswer, "Require: timer\r\nSession-Expires: 2400;refresher=uac\r\n");
        await callee.ReceiveRequestAsync("ACK");
        await Until(() => Harness.Inbox.AgentCallChanges.Any(c => c.Call.State == AgentCallState.Connected));

        // The caller's phone keeps our 1800 s and is refreshed at 900 s; the callee's, at 1200 s.
        Time.Advance(TimeSpan.FromSeconds(900));
        await AnswerPhoneAsync(caller);
        Time.Advance(TimeSpan.FromSeconds(300));
        var refresh = await callee.ReceiveRequestAsync("INVITE");
        await callee.RespondAsync(refresh, 200, "OK", callee.PcmuAnswer, "Require: timer\r\nSession-Expires: 2400;refresher=uac\r\n");
        await callee.ReceiveRequestAsync("ACK");
        await Harness.Handler.HangUpAgentCallAsync(placed.CallId, Agent);
        await caller.RespondAsync(await caller.ReceiveRequestAsync("BYE"), 200, "OK");
        await callee.RespondAsync(await callee.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal(("2400;refresher=uac", "2400"), (refresh.GetHeader(SipHeaderId.SessionExpires), refresh.GetHeader("Min-SE")));
        await AssertNothingLeftAsync();
    }

    // The carrier's side of digest authentication: the server's own verifier, on the test's clock.
    private DigestAuthenticator CreateCarrierVerifier()
    {
        var credentials = new InMemoryDigestCredentialStore();
        credentials.Set(DigestCredential.FromPassword("inbox", "carrier", "trunk-secret"));
        return new DigestAuthenticator(Options.Create(new DigestAuthOptions { Realm = "carrier" }), credentials, Time);
    }

    private static string ChallengeHeaders(DigestAuthenticator carrier) =>
        string.Concat(carrier.CreateChallenges().Select(c => $"Proxy-Authenticate: {c}\r\n"));

    private static async Task<DigestVerificationResult> VerifyAsync(DigestAuthenticator carrier, SipRequest invite) =>
        invite.GetHeader(SipHeaderId.ProxyAuthorization) is { } credentials
            ? await carrier.VerifyAsync(credentials, "INVITE", invite.RequestUriText)
            : DigestVerificationResult.Malformed;

    private string DialWithCredentials(TestPhone phone, TestPhone trunk)
    {
        var callId = Guid.NewGuid().ToString("N");
        var options = new TrunkOptions { Id = "carrier", Address = trunk.SipEndPoint.ToString(), FromUser = "+34910000000", Username = "inbox", Password = "trunk-secret" };
        Harness.Handler.Dial(callId, OutboundInteraction, Agent, [phone.Extension], "support", new OutboundRoute(Trunk.Create(options), "+34600123456", "0034600123456"));
        return callId;
    }

    private async Task HangUpAsync(string callId, TestPhone phone, TestPhone trunk)
    {
        await Harness.Handler.HangUpAsync(callId, Agent, OutboundInteraction);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await trunk.RespondAsync(await trunk.ReceiveRequestAsync("BYE"), 200, "OK");
    }
}
