using System.Text;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;
using Inbox.Sip.Auth;
using Inbox.Sip.Messages;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Calls an agent places: her phone rings with auto-answer hints, then the customer is dialled through a scripted
/// trunk over real UDP; answered, busy, challenged, unanswered and hung up by either side.
/// </summary>
public sealed class OutboundCallTests : CallTestBase
{
    private const string InteractionId = "out1";

    [Fact]
    public async Task Dial_AgentThenCustomerAnswer_BridgedBothWaysAndHangUpFinalizes()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var callId = Dial(trunk, InteractionId);

        var agentInvite = await AnswerPhoneAsync(phone);
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(trunkInvite, 180, "Ringing");
        await Until(() => Progress().Contains(180));
        await trunk.RespondAsync(trunkInvite, 200, "OK", trunk.PcmuAnswer);
        await trunk.ReceiveRequestAsync("ACK");
        await RelayAsync(trunk.Rtp, MediaPort(trunkInvite.Body.Span), phone.Rtp, ssrc: 0x11111111, fill: 0x55);
        await RelayAsync(phone.Rtp, MediaPort(agentInvite.Body.Span), trunk.Rtp, ssrc: 0x22222222, fill: 0x66);
        var connected = await Harness.Handler.GetCallAsync(callId);
        var muted = await Harness.Handler.SetMuteAsync(callId, muted: true);
        var ended = await Harness.Handler.HangUpAsync(callId, Agent, InteractionId);
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");
        var trunkBye = await trunk.ReceiveRequestAsync("BYE");
        await trunk.RespondAsync(trunkBye, 200, "OK");

        Assert.Equal("sip:0034600123456@127.0.0.1:" + trunk.SipEndPoint.Port, trunkInvite.RequestUriText);
        Assert.Equal("+34910000000", trunkInvite.From.Uri.User);
        Assert.Equal("+34600123456", agentInvite.From.Uri.User);
        Assert.Contains("answer-after=0", agentInvite.GetHeader("Call-Info"), StringComparison.Ordinal);
        Assert.Contains("info=alert-autoanswer", agentInvite.GetHeader("Alert-Info"), StringComparison.Ordinal);
        Assert.Equal(CallState.Connected, connected.State);
        Assert.Equal([(CallLegRole.Customer, trunkInvite.CallId, "+34600123456"), (CallLegRole.Agent, callId, "1002")], connected.Legs.Select(l => (l.Role, l.Id, l.Address)));
        Assert.True(muted.Muted);
        Assert.Equal(CallState.Ended, ended.State);
        Assert.Equal((Agent, InteractionId), Assert.Single(Harness.Inbox.Finalized));
        Assert.Contains(200, Progress());
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Dial_TrunkChallengesThenBusy_RetriesWithDigestAndEndsBusy()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        Dial(trunk, InteractionId, username: "inbox", password: "trunk-secret");

        await AnswerPhoneAsync(phone);
        var first = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(first, 407, "Proxy Authentication Required", headers: "Proxy-Authenticate: Digest realm=\"carrier\", nonce=\"abc123\", qop=\"auth\", algorithm=MD5\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        var second = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(second, 486, "Busy Here");
        await trunk.ReceiveRequestAsync("ACK");
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");
        await Until(() => !Harness.Inbox.Ended.IsEmpty);

        var credentials = second.GetHeader(SipHeaderId.ProxyAuthorization)!;
        Assert.Equal((first.CallId, 2L), (second.CallId, second.CSeq.Number));
        Assert.Equal(first.From.Tag, second.From.Tag);
        Assert.Equal(ExpectedCredentials(credentials, second.RequestUriText), credentials);
        Assert.Equal((InteractionId, "busy"), Assert.Single(Harness.Inbox.Ended));
        Assert.Contains(486, Progress());
        Assert.Empty(Harness.Inbox.Finalized);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Dial_NobodyAnswers_CancelledAfterTheDialTimeoutAsNoAnswer()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        Dial(trunk, InteractionId);

        await AnswerPhoneAsync(phone);
        var invite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(invite, 180, "Ringing");
        var ringbackHeard = await CountRtpAsync(phone.Rtp, TimeSpan.FromMilliseconds(500));
        var cancel = await trunk.ReceiveRequestAsync("CANCEL");
        await trunk.RespondAsync(cancel, 200, "OK");
        await trunk.RespondAsync(invite, 487, "Request Terminated");
        await trunk.ReceiveRequestAsync("ACK");
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");
        await Until(() => !Harness.Inbox.Ended.IsEmpty);

        Assert.True(ringbackHeard >= 10, $"the agent heard {ringbackHeard} packets of ringback");
        Assert.Equal((InteractionId, "no answer"), Assert.Single(Harness.Inbox.Ended));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Dial_CustomerHangsUp_AgentPhoneGetsByeAndCustomerHungUp()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        Dial(trunk, InteractionId);

        await AnswerPhoneAsync(phone);
        var invite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(invite, 200, "OK", trunk.PcmuAnswer);
        await trunk.ReceiveRequestAsync("ACK");
        await Until(() => Progress().Contains(200));
        await trunk.ByeAsync(invite);
        var ok = Assert.IsType<SipResponse>(await trunk.ReceiveAsync());
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");

        Assert.Equal(200, ok.StatusCode);
        await Until(() => !Harness.Inbox.HungUp.IsEmpty);
        Assert.Equal([InteractionId], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Dial_AgentPhoneHangsUpWhileItRings_TrunkCancelledAndFinalized()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        Dial(trunk, InteractionId);

        var agentInvite = await AnswerPhoneAsync(phone);
        var invite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(invite, 183, "Session Progress", trunk.PcmuAnswer);
        await RelayAsync(trunk.Rtp, MediaPort(invite.Body.Span), phone.Rtp, ssrc: 0x11111111, fill: 0x55);
        await phone.ByeAsync(agentInvite);
        Assert.Equal(200, Assert.IsType<SipResponse>(await phone.ReceiveAsync()).StatusCode);
        var cancel = await trunk.ReceiveRequestAsync("CANCEL");
        await trunk.RespondAsync(cancel, 200, "OK");
        await trunk.RespondAsync(invite, 487, "Request Terminated");
        await trunk.ReceiveRequestAsync("ACK");

        await Until(() => !Harness.Inbox.Finalized.IsEmpty);
        Assert.Equal((Agent, InteractionId), Assert.Single(Harness.Inbox.Finalized));
        Assert.Contains(183, Progress());
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Dial_NoPhoneRegistered_FailsWithoutDialling()
    {
        using var trunk = new TestPhone("carrier");

        Dial(trunk, InteractionId);
        await Until(() => !Harness.Inbox.Ended.IsEmpty);

        Assert.Equal((InteractionId, "failed: no phone is registered for the agent"), Assert.Single(Harness.Inbox.Ended));
        Assert.Contains(480, Progress());
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Dial_CustomerWithoutTelephoneEvents_KeysGoBothWaysAsSipInfo()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var callId = Dial(trunk, InteractionId);
        var agentInvite = await AnswerPhoneAsync(phone);
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(trunkInvite, 200, "OK", trunk.Answer("0", "a=rtpmap:0 PCMU/8000\r\n"));
        await trunk.ReceiveRequestAsync("ACK");
        await Until(() => Progress().Contains(200));

        await Harness.Handler.SendDtmfAsync(callId, "5");
        var fromTheUi = await trunk.ReceiveRequestAsync("INFO");
        await trunk.RespondAsync(fromTheUi, 200, "OK");
        await phone.InfoAsync(agentInvite, 2, '3');
        var phoneAnswer = await phone.ReceiveAsync();
        var fromThePhone = await trunk.ReceiveRequestAsync("INFO");
        await trunk.RespondAsync(fromThePhone, 200, "OK");
        await trunk.InfoAsync(trunkInvite, 2, '7');
        var trunkAnswer = await trunk.ReceiveAsync();
        await Until(() => Harness.Inbox.Published.Any(e => e.Event is Interactions.Events.DtmfReceived));
        await Harness.Handler.HangUpAsync(callId, Agent, InteractionId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await trunk.RespondAsync(await trunk.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal((trunkInvite.CallId, "application/dtmf-relay"), (fromTheUi.CallId, fromTheUi.ContentType));
        Assert.StartsWith("Signal=5\r\n", Encoding.ASCII.GetString(fromTheUi.Body.Span), StringComparison.Ordinal);
        Assert.Equal(200, Assert.IsType<SipResponse>(phoneAnswer).StatusCode);
        Assert.StartsWith("Signal=3\r\n", Encoding.ASCII.GetString(fromThePhone.Body.Span), StringComparison.Ordinal);
        Assert.Equal(200, Assert.IsType<SipResponse>(trunkAnswer).StatusCode);
        var pressed = Assert.IsType<Interactions.Events.DtmfReceived>(Assert.Single(Harness.Inbox.Published, e => e.Event is Interactions.Events.DtmfReceived).Event);
        Assert.Equal((InteractionId, '7'), (pressed.InteractionId, pressed.Digit));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Dial_TrunkRefreshesAndThePhoneHolds_BothReInvitesAnsweredAndTheCallGoesOn()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var callId = Dial(trunk, InteractionId);
        var agentInvite = await AnswerPhoneAsync(phone);
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(trunkInvite, 200, "OK", trunk.PcmuAnswer);
        await trunk.ReceiveRequestAsync("ACK");
        await Until(() => Progress().Contains(200));

        // A carrier's session refresh: the same SDP again, on the trunk's dialog.
        await trunk.ReinviteAsync(trunkInvite, 2, trunk.PcmuAnswer);
        var refreshed = Assert.IsType<SipResponse>(await trunk.ReceiveAsync());
        await trunk.AckAsync(trunkInvite, 2);
        await RelayAsync(trunk.Rtp, MediaPort(trunkInvite.Body.Span), phone.Rtp, ssrc: 0x11111111, fill: 0x55);

        // The agent's phone puts the customer on hold itself.
        await phone.ReinviteAsync(agentInvite, 2, phone.PcmuAnswer + "a=sendonly\r\n");
        var held = Assert.IsType<SipResponse>(await phone.ReceiveAsync());
        await phone.AckAsync(agentInvite, 2);
        await Until(() => Harness.Calls.TryGet(callId, out var call) && call.HeldByPhone);
        var onHold = await Harness.Handler.GetCallAsync(callId);
        await Harness.Handler.HangUpAsync(callId, Agent, InteractionId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        var bye = await trunk.ReceiveRequestAsync("BYE");
        await trunk.RespondAsync(bye, 200, "OK");

        Assert.Equal(200, refreshed.StatusCode);
        Assert.Equal(MediaPort(trunkInvite.Body.Span), MediaPort(refreshed.Body.Span)); // the same port: nothing moved
        Assert.Contains("a=rtpmap:0 PCMU/8000", Encoding.UTF8.GetString(refreshed.Body.Span), StringComparison.Ordinal);
        Assert.Equal(200, held.StatusCode);
        Assert.Contains("a=recvonly", Encoding.UTF8.GetString(held.Body.Span), StringComparison.Ordinal);
        Assert.Equal((CallState.OnHold, true), (onHold.State, onHold.HeldByPhone));
        Assert.Equal(trunkInvite.CallId, bye.CallId);
        await AssertNothingLeftAsync();
    }

    private List<int> Progress() =>
        [.. Harness.Inbox.Published.Select(e => e.Event).OfType<CallChanged>().Where(c => c.Change == CallChange.Progress).Select(c => c.SipStatus)];

    // What a client with the password would send for this challenge, with the cnonce the server chose.
    private static string ExpectedCredentials(string sent, string uri)
    {
        Assert.True(DigestClient.TrySelectChallenge(["Digest realm=\"carrier\", nonce=\"abc123\", qop=\"auth\", algorithm=MD5"], out var challenge));
        var cnonce = sent[(sent.IndexOf("cnonce=\"", StringComparison.Ordinal) + 8)..];
        return DigestClient.CreateAuthorization(challenge!, "inbox", "trunk-secret", "INVITE", uri, 1, cnonce[..cnonce.IndexOf('"', StringComparison.Ordinal)]);
    }
}
