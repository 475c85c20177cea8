using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Sip.Auth;
using Inbox.Sip.Messages;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Calls agents' phones place through the server, over real UDP: bruno's phone (extension 1002) authenticates with
/// digest after a 407, then dials ana's extension (a call between agents), a number a trunk dials (an outbound call in
/// his campaign), or something nobody answers (404).
/// </summary>
public sealed class PhoneDiallingTests : CallTestBase
{
    internal const string Password = "bruno-secret";

    [Fact]
    public async Task Invite_WithoutCredentials_ChallengedAndNothingRings()
    {
        using var ana = Register(new TestPhone("1001"));
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        SetPassword();

        await bruno.InviteAsync("1001", bruno.PcmuOffer);
        var challenge = await bruno.ReceiveAsync();
        await bruno.AckRefusalAsync("1001", challenge);

        Assert.Equal(407, challenge.StatusCode);
        var offered = Challenges(challenge);
        Assert.Contains(offered, c => c.Contains("algorithm=SHA-256", StringComparison.Ordinal));
        Assert.All(offered, c => Assert.Contains($"realm=\"{TelephonyHarness.Realm}\"", c, StringComparison.Ordinal));
        Assert.Equal(0, Harness.Calls.Count);
        Assert.Empty(Harness.Inbox.AgentCallChanges);
    }

    [Fact]
    public async Task Invite_WrongPassword_ForbiddenAndNothingRings()
    {
        using var ana = Register(new TestPhone("1001"));
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        SetPassword();

        var refusal = await AuthenticateAsync(bruno, "1001", password: "guess");

        Assert.Equal(403, refusal.StatusCode);
        Assert.Equal(0, Harness.Calls.Count);
        Assert.Empty(Harness.Inbox.AgentCallChanges);
    }

    [Fact]
    public async Task DialExtension_Authenticated_TeammateRingsAndTheyTalkBothWays()
    {
        using var ana = Register(new TestPhone("1001"));
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        SetPassword();

        var ok = await AuthenticateAsync(bruno, "1001");
        await bruno.AckAsync("1001", cseq: 2);
        var anaInvite = await ana.ReceiveRequestAsync("INVITE");
        await ana.RespondAsync(anaInvite, 200, "OK", ana.PcmuAnswer);
        await ana.ReceiveRequestAsync("ACK");
        await Until(() => States().Contains(AgentCallState.Connected));
        var watched = Harness.Handler.WatchedLegCount;
        await RelayAsync(bruno.Rtp, MediaPort(ok.Body.Span), ana.Rtp, ssrc: 0x11111111, fill: 0x55);
        await RelayAsync(ana.Rtp, MediaPort(anaInvite.Body.Span), bruno.Rtp, ssrc: 0x22222222, fill: 0x66);
        await bruno.ByeAsync("1001", cseq: 3);
        var bye = await ana.ReceiveRequestAsync("BYE");
        await ana.RespondAsync(bye, 200, "OK");

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("1002", anaInvite.From.Uri.User);

        // His phone's leg is watched and timed like the legs the server rings: RTP timeout, and a session timer that
        // we refresh, since his INVITE did not say it supports the extension (RFC 4028 §9).
        Assert.Equal((2, 2), watched);
        Assert.EndsWith(";refresher=uas", ok.GetHeader(SipHeaderId.SessionExpires), StringComparison.Ordinal);
        Assert.Null(anaInvite.GetHeader("Call-Info")); // Only the caller's phone is auto-answered, and hers placed the call.
        await Until(() => States().Contains(AgentCallState.Ended));
        Assert.Equal([AgentCallState.RingingCallee, AgentCallState.Connected, AgentCallState.Ended], States());
        Assert.All(Harness.Inbox.AgentCallChanges, c => Assert.Equal((bruno.CallId, Agent, "ana"), (c.Call.CallId, c.Call.CallerAgentId, c.Call.CalleeAgentId)));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DialNumber_ATrunkDialsIt_OutboundCallInHisCampaignBridgedToTheCustomer()
    {
        using var trunk = new TestPhone("carrier");
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        SetPassword();
        var carrier = Trunk.Create(new TrunkOptions { Id = "carrier", Address = trunk.SipEndPoint.ToString(), FromUser = "+34910000000" });
        Harness.Inbox.OnStarted = start => Harness.Handler.Dial(start.CallId, "out1", start.Agent, ["1002"], start.Campaign, new OutboundRoute(carrier, start.Number, "0034600123456"));

        var ok = await AuthenticateAsync(bruno, "+34600123456");
        await bruno.AckAsync("+34600123456", cseq: 2);
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(trunkInvite, 200, "OK", trunk.PcmuAnswer);
        await trunk.ReceiveRequestAsync("ACK");
        await RelayAsync(trunk.Rtp, MediaPort(trunkInvite.Body.Span), bruno.Rtp, ssrc: 0x11111111, fill: 0x55);
        await RelayAsync(bruno.Rtp, MediaPort(ok.Body.Span), trunk.Rtp, ssrc: 0x22222222, fill: 0x66);
        var connected = await Harness.Handler.GetCallAsync(bruno.CallId);
        await bruno.ByeAsync("+34600123456", cseq: 3);
        var trunkBye = await trunk.ReceiveRequestAsync("BYE");
        await trunk.RespondAsync(trunkBye, 200, "OK");

        Assert.Equal((Agent, "support", "+34600123456", bruno.CallId), Assert.Single(Harness.Inbox.Started));
        Assert.Equal("sip:0034600123456@127.0.0.1:" + trunk.SipEndPoint.Port, trunkInvite.RequestUriText);
        Assert.Equal(CallState.Connected, connected.State);
        Assert.Equal(["+34600123456", "1002"], connected.Legs.Select(leg => leg.Address));
        await Until(() => !Harness.Inbox.Finalized.IsEmpty);
        Assert.Equal((Agent, "out1"), Assert.Single(Harness.Inbox.Finalized));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DialNumber_InboxRefusesTheCall_TemporarilyUnavailableWithTheReason()
    {
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        SetPassword();
        Harness.Inbox.OnStarted = _ => throw InboxException.Precondition("You are not signed in.");

        var refusal = await AuthenticateAsync(bruno, "+34600123456");

        Assert.Equal(480, refusal.StatusCode);
        Assert.Contains("You are not signed in.", refusal.GetHeader(SipHeaderId.Warning), StringComparison.Ordinal);
        await AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("999")] // Nobody's extension, and no trunk of his campaigns dials it.
    [InlineData("+15550123")] // Support's trunk dials Spanish numbers only.
    public async Task DialUnknown_NotFoundWithAWarning(string dialled)
    {
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        SetPassword();

        var refusal = await AuthenticateAsync(bruno, dialled);

        Assert.Equal(404, refusal.StatusCode);
        Assert.Contains("neither an agent's extension nor a number", refusal.GetHeader(SipHeaderId.Warning), StringComparison.Ordinal);
        Assert.Empty(Harness.Inbox.Started);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Credentials_ForAnotherNumber_BadRequestAndNothingDialled()
    {
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        SetPassword();

        // Good credentials, but computed for another number than the INVITE dials (RFC 7616 §3.4.6).
        var refusal = await AuthenticateAsync(bruno, Customer, digestUri: bruno.RequestUri("+34600999999"));
        await bruno.AckRefusalAsync(Customer, refusal);

        Assert.Equal(400, refusal.StatusCode);
        Assert.Empty(Harness.Inbox.Started);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Credentials_ForAnotherRealm_ChallengedAgainForOurs()
    {
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        SetPassword();

        // Credentials for a realm we do not serve are not ours to judge (RFC 3261 §22.3): ours are asked for.
        var answer = await AuthenticateAsync(bruno, Customer, realm: "other.example");
        await bruno.AckRefusalAsync(Customer, answer);

        Assert.Equal(407, answer.StatusCode);
        Assert.All(Challenges(answer), c => Assert.Contains($"realm=\"{TelephonyHarness.Realm}\"", c, StringComparison.Ordinal));
        Assert.Empty(Harness.Inbox.Started);
    }

    [Fact]
    public async Task Cancel_WhileCredentialsAreChecked_RequestTerminatedAndNothingFiled()
    {
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        SetPassword();

        await InviteWhileCredentialsAreCheckedAsync(bruno);
        await bruno.CancelAsync(Customer);
        var answers = new[] { await bruno.ReceiveAsync(), await bruno.ReceiveAsync() };
        Harness.CredentialLookups.Release();
        await bruno.AckRefusalAsync(Customer, answers.First(a => a.CSeq.MethodName == "INVITE"));

        Assert.Equal([(200, "CANCEL"), (487, "INVITE")], answers.Select(a => (a.StatusCode, a.CSeq.MethodName)).Order());

        // Routing runs right after the lookup: it must find the INVITE answered and leave it.
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        Assert.Empty(Harness.Inbox.Started);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task AgentRemoved_WhileCredentialsAreChecked_NotFound()
    {
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        SetPassword();

        await InviteWhileCredentialsAreCheckedAsync(bruno);
        Harness.Inbox.Extensions.Remove(Agent);
        Harness.CredentialLookups.Release();
        var refusal = await bruno.ReceiveAsync();
        await bruno.AckRefusalAsync(Customer, refusal);

        Assert.Equal(404, refusal.StatusCode);
        Assert.Empty(Harness.Inbox.Started);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DialNumber_ServerShutsDownBeforeTheInboxPlacesIt_ServiceUnavailableAndInteractionEnded()
    {
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");

        await DialLeftPendingAsync(Harness, bruno);
        await Harness.Handler.HangUpAllAsync(TestContext.Current.CancellationToken);

        Assert.Equal(503, await GivenUpAsync(Harness, bruno));
        await AssertNothingLeftAsync();
    }

    /// <summary>Bruno's phone dials the customer; the inbox files the interaction ("out1") but its notice (Dial) does not come.</summary>
    internal static async Task DialLeftPendingAsync(TelephonyHarness harness, TestCaller bruno)
    {
        harness.Credentials.Set(DigestCredential.FromPassword("1002", TelephonyHarness.Realm, Password));
        await bruno.InviteWithCredentialsAsync(Customer, bruno.PcmuOffer, await ChallengedAsync(bruno, Customer));
        await Until(() => harness.Handler.PendingPhoneDialCount == 1 && !harness.Inbox.Started.IsEmpty);
    }

    /// <summary>The call <see cref="DialLeftPendingAsync"/> left is given up: the status the phone got, acknowledged, once the interaction ended.</summary>
    internal static async Task<int> GivenUpAsync(TelephonyHarness harness, TestCaller bruno)
    {
        var refusal = await bruno.ReceiveAsync();
        await bruno.AckRefusalAsync(Customer, refusal);
        await Until(() => !harness.Inbox.Ended.IsEmpty);
        Assert.Equal("out1", Assert.Single(harness.Inbox.Ended).Id);
        return refusal.StatusCode;
    }

    // Bruno's phone answers its challenge, and the server is still looking his credentials up.
    private async Task InviteWhileCredentialsAreCheckedAsync(TestCaller bruno)
    {
        var credentials = await ChallengedAsync(bruno, Customer);
        Harness.CredentialLookups.Hold();
        var lookups = Harness.CredentialLookups.Lookups;
        await bruno.InviteWithCredentialsAsync(Customer, bruno.PcmuOffer, credentials);
        await Until(() => Harness.CredentialLookups.Lookups > lookups);
    }

    private void SetPassword() => Harness.Credentials.Set(DigestCredential.FromPassword("1002", TelephonyHarness.Realm, Password));

    // The phone's INVITE, its 407 acknowledged, then again with credentials: the server's final answer to that.
    // digestUri: the uri the credentials are computed for, the Request-URI unless given; realm: the challenge's unless given.
    internal static async Task<SipResponse> AuthenticateAsync(
        TestCaller phone, string dialled, string password = Password, string user = "1002", string? digestUri = null, string? realm = null)
    {
        var credentials = await ChallengedAsync(phone, dialled, password, user, digestUri, realm);
        await phone.InviteWithCredentialsAsync(dialled, phone.PcmuOffer, credentials);
        return await phone.ReceiveAsync();
    }

    // The phone's INVITE and its 407 acknowledged: the Proxy-Authorization value answering the challenge.
    private static async Task<string> ChallengedAsync(
        TestCaller phone, string dialled, string password = Password, string user = "1002", string? digestUri = null, string? realm = null)
    {
        await phone.InviteAsync(dialled, phone.PcmuOffer);
        var challenge = await phone.ReceiveAsync();
        Assert.Equal(407, challenge.StatusCode);
        await phone.AckRefusalAsync(dialled, challenge);
        var offered = Challenges(challenge);
        if (realm is not null)
        {
            offered = [.. offered.Select(c => c.Replace($"realm=\"{TelephonyHarness.Realm}\"", $"realm=\"{realm}\"", StringComparison.Ordinal))];
        }

        Assert.True(DigestClient.TrySelectChallenge(offered, out var selected));
        return DigestClient.CreateAuthorization(selected!, user, password, "INVITE", digestUri ?? phone.RequestUri(dialled));
    }

    // One challenge per header line: its own parameters are comma-separated.
    private static List<string> Challenges(SipResponse response) =>
        [.. response.HeaderLines().Where(h => SipHeaderNames.Lookup(h.Key) == SipHeaderId.ProxyAuthenticate).Select(h => h.Value)];

    private List<AgentCallState> States() => [.. Harness.Inbox.AgentCallChanges.Select(c => c.Call.State).Distinct()];
}
