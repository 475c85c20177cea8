using System.Text;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Interactions;
using Inbox.Sip.Auth;
using Inbox.Sip.Messages;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Attended transfers bruno's phone completes itself, over real UDP: with the customer on hold he dials ana's extension
/// through the server (the consult), then REFERs the customer's call to ana with Replaces naming the consult
/// (RFC 3891). Ana's leg moves to the customer's call without ringing again; while her phone still rings the customer
/// is transferred to her blind instead; and a Replaces that names no consult of his, or a REFER sent the other way
/// round, leaves the customer with him.
/// </summary>
public sealed class ReferReplacesTests : CallTestBase
{
    [Fact]
    public async Task ReferWithReplaces_ConsultAnswered_AnaTakesTheCustomerAndBrunoIsLetGo()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);
        await HoldAsync(phone, call.PhoneInvite);
        using var consult = new TestCaller(Harness.SipEndPoint, user: "1002");
        var anaInvite = await ConsultAsync(consult, ana);

        var accepted = await ReferReplacingAsync(phone, call.PhoneInvite, consult);
        var consultBye = await consult.ReceiveRequestAndOkAsync();
        var done = await phone.ReceiveRequestAsync("NOTIFY");
        await phone.RespondAsync(done, 200, "OK");
        var customerBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(customerBye, 200, "OK");
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, ana.Rtp, MediaPort(anaInvite.Body.Span), 0x5A, 0x7A);
        var transferred = await Harness.Handler.GetCallAsync(call.CallId);
        await ana.ByeAsync(anaInvite, cseq: 1);
        var anaOk = Assert.IsType<SipResponse>(await ana.ReceiveAsync());
        await caller.ReceiveRequestAndOkAsync();

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal("SIP/2.0 200 OK\r\n", Encoding.UTF8.GetString(done.Body.Span));
        Assert.Equal((consult.CallId, call.PhoneInvite.CallId), (consultBye.CallId, customerBye.CallId));
        Assert.Equal(("bruno>ana", call.InteractionId), Assert.Single(Harness.Inbox.Connected));
        Assert.Equal(CallState.Connected, transferred.State);
        Assert.Equal(("ana", anaInvite.CallId), (transferred.Legs[1].AgentId, transferred.Legs[1].Id));
        Assert.Equal(AgentCallState.Ended, Harness.Inbox.AgentCallChanges.Last().Call.State);
        Assert.Equal(200, anaOk.StatusCode);
        await Until(() => !Harness.Inbox.Finalized.IsEmpty);
        Assert.Equal(("ana", call.InteractionId), Assert.Single(Harness.Inbox.Finalized));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ReferWithReplaces_InACallBrunosPhonePlaced_AnaTakesTheNumberAndTheInteraction()
    {
        using var trunk = new TestPhone("carrier");
        using var ana = Register(new TestPhone("1001"));
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        var carrier = Trunk.Create(new TrunkOptions { Id = "carrier", Address = trunk.SipEndPoint.ToString(), FromUser = "+34910000000" });
        Harness.Inbox.OnStarted = start => Harness.Handler.Dial(start.CallId, "out1", start.Agent, ["1002"], start.Campaign, new OutboundRoute(carrier, start.Number, "0034600123456"));
        Harness.Credentials.Set(DigestCredential.FromPassword("1002", TelephonyHarness.Realm, PhoneDiallingTests.Password));
        var ok = await PhoneDiallingTests.AuthenticateAsync(bruno, "+34600123456");
        await bruno.AckAsync("+34600123456", cseq: 2);
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(trunkInvite, 200, "OK", trunk.PcmuAnswer);
        await trunk.ReceiveRequestAsync("ACK");
        await BothWaysAsync(trunk.Rtp, MediaPort(trunkInvite.Body.Span), bruno.Rtp, MediaPort(ok.Body.Span), 0x52, 0x72);
        using var consult = new TestCaller(Harness.SipEndPoint, user: "1002");
        var anaInvite = await ConsultAsync(consult, ana);

        await bruno.ReferAsync("+34600123456", 3, ReferTo("1001", consult.CallId, consult.RemoteTag!, consult.LocalTag));
        var accepted = await bruno.ReceiveAsync();
        await bruno.ReceiveRequestAndOkAsync();
        await consult.ReceiveRequestAndOkAsync();
        var done = await bruno.ReceiveRequestAndOkAsync();
        var bye = await bruno.ReceiveRequestAndOkAsync();
        await BothWaysAsync(trunk.Rtp, MediaPort(trunkInvite.Body.Span), ana.Rtp, MediaPort(anaInvite.Body.Span), 0x5D, 0x7D);
        await ana.ByeAsync(anaInvite, cseq: 1);
        await ana.ReceiveAsync();
        await trunk.RespondAsync(await trunk.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal(("NOTIFY", "SIP/2.0 200 OK\r\n"), (done.MethodName, Encoding.UTF8.GetString(done.Body.Span)));
        Assert.Equal(("BYE", bruno.CallId), (bye.MethodName, bye.CallId));
        Assert.Equal(("bruno>ana", "out1"), Assert.Single(Harness.Inbox.Connected));
        await Until(() => !Harness.Inbox.Finalized.IsEmpty);
        Assert.Equal(("ana", "out1"), Assert.Single(Harness.Inbox.Finalized));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ReferWithReplaces_ConsultStillRinging_ItEndsAndTheCustomerIsTransferredToAnaBlind()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);
        await HoldAsync(phone, call.PhoneInvite);
        using var consult = new TestCaller(Harness.SipEndPoint, user: "1002");
        var anaInvite = await ConsultRingingAsync(consult, ana);

        var accepted = await ReferReplacingAsync(phone, call.PhoneInvite, consult);
        var anaCancel = await ana.ReceiveRequestAsync("CANCEL");
        await ana.RespondAsync(anaCancel, 200, "OK");
        await ana.RespondAsync(anaInvite, 487, "Request Terminated");
        var consultBye = await consult.ReceiveRequestAndOkAsync();
        await Until(() => !Harness.Inbox.Transfers.IsEmpty);
        Harness.Handler.TransferStarted(call.CallId, call.InteractionId, TransferMode.Blind);
        var done = await phone.ReceiveRequestAsync("NOTIFY");
        await phone.RespondAsync(done, 200, "OK");
        var customerBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(customerBye, 200, "OK");
        var transferring = await Harness.Handler.GetCallAsync(call.CallId);

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal((consult.CallId, "BYE"), (consultBye.CallId, consultBye.MethodName));
        Assert.Equal(("bruno>Blind>Agent:ana", call.InteractionId), Assert.Single(Harness.Inbox.Transfers));
        Assert.Empty(Harness.Inbox.Connected);
        Assert.Equal((AgentCallState.Ended, 487), (Harness.Inbox.AgentCallChanges.Last().Call.State, Harness.Inbox.AgentCallChanges.Last().SipStatus));
        Assert.Equal("SIP/2.0 200 OK\r\n", Encoding.UTF8.GetString(done.Body.Span));
        Assert.Equal(call.PhoneInvite.CallId, customerBye.CallId);
        Assert.Equal(CallState.Transferring, transferring.State);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ReferWithReplaces_NamesNoCall_NotifiedNotFoundAndTheCustomerStaysWithBruno()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        await phone.ReferAsync(call.PhoneInvite, ReferTo("1001", "nobody@example.com", "a", "b"));
        var accepted = Assert.IsType<SipResponse>(await phone.ReceiveAsync());
        await phone.RespondAsync(await phone.ReceiveRequestAsync("NOTIFY"), 200, "OK");
        var failed = await phone.ReceiveRequestAsync("NOTIFY");
        await phone.RespondAsync(failed, 200, "OK");
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, call.AgentLegPort, 0x5B, 0x7B);
        var back = await Harness.Handler.GetCallAsync(call.CallId);

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal("SIP/2.0 481 Call/Transaction Does Not Exist\r\n", Encoding.UTF8.GetString(failed.Body.Span));
        Assert.Equal((CallState.Connected, Agent), (back.State, back.Legs[1].AgentId));
        Assert.Empty(Harness.Inbox.Connected);
        await HangUpAsync(caller, phone);
    }

    [Fact]
    public async Task ReferWithReplaces_NamesAnotherAgentsCall_NotifiedForbiddenAndTheirCallGoesOn()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var carla = Register(new TestPhone("1003"));
        Harness.Inbox.Extensions["carla"] = ["1003"];
        var call = await ConnectAsync(caller, phone);
        using var anasCall = new TestCaller(Harness.SipEndPoint, user: "1001");
        Harness.Credentials.Set(DigestCredential.FromPassword("1001", TelephonyHarness.Realm, PhoneDiallingTests.Password));
        var ok = await PhoneDiallingTests.AuthenticateAsync(anasCall, "1003", user: "1001");
        await anasCall.AckAsync("1003", cseq: 2);
        await AnswerPhoneAsync(carla);
        await Until(() => Harness.Inbox.AgentCallChanges.Any(c => c.Call.State == AgentCallState.Connected));

        await phone.ReferAsync(call.PhoneInvite, ReferTo("1003", anasCall.CallId, anasCall.RemoteTag!, anasCall.LocalTag));
        Assert.Equal(202, Assert.IsType<SipResponse>(await phone.ReceiveAsync()).StatusCode);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("NOTIFY"), 200, "OK");
        var failed = await phone.ReceiveRequestAsync("NOTIFY");
        await phone.RespondAsync(failed, 200, "OK");

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("SIP/2.0 403 Forbidden\r\n", Encoding.UTF8.GetString(failed.Body.Span));
        Assert.Single(Harness.Handler.ListAgentCalls("ana"));
        Assert.Empty(Harness.Inbox.Connected);
        await anasCall.ByeAsync("1003", cseq: 3);
        await anasCall.ReceiveAsync();
        await carla.RespondAsync(await carla.ReceiveRequestAsync("BYE"), 200, "OK");
        await HangUpAsync(caller, phone);
    }

    [Fact]
    public async Task ReferInTheConsult_ReplacesNamingTheCustomersCall_ForbiddenWithAWarning()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);
        using var consult = new TestCaller(Harness.SipEndPoint, user: "1002");
        await ConsultAsync(consult, ana);

        await consult.ReferAsync("1001", 3, ReferTo("5000", call.PhoneInvite.CallId, call.PhoneInvite.From.Tag!, "phone"));
        var refused = await consult.ReceiveAsync();

        Assert.Equal(403, refused.StatusCode);
        Assert.Contains("send the REFER in the customer's call", refused.GetHeader(SipHeaderId.Warning), StringComparison.Ordinal);
        Assert.Single(Harness.Handler.ListAgentCalls(Agent));
        await consult.ByeAsync("1001", cseq: 4);
        await consult.ReceiveAsync();
        await ana.RespondAsync(await ana.ReceiveRequestAsync("BYE"), 200, "OK");
        await HangUpAsync(caller, phone);
    }

    // Refer-To naming an extension, with the consult dialog escaped into its Replaces header (RFC 3891 §6.1).
    private string ReferTo(string extension, string callId, string toTag, string fromTag) =>
        $"<sip:{extension}@{Harness.SipEndPoint}?Replaces={Uri.EscapeDataString(callId)}%3Bto-tag%3D{toTag}%3Bfrom-tag%3D{fromTag}>";

    // Bruno's phone REFERs the customer's call to ana with Replaces naming the consult: the answer, its NOTIFY 100 acknowledged.
    private async Task<SipResponse> ReferReplacingAsync(TestPhone phone, SipRequest customerInvite, TestCaller consult)
    {
        await phone.ReferAsync(customerInvite, ReferTo("1001", consult.CallId, consult.RemoteTag!, consult.LocalTag), $"<sip:1002@{phone.SipEndPoint}>", cseq: 3);
        var accepted = Assert.IsType<SipResponse>(await phone.ReceiveAsync());
        await phone.RespondAsync(await phone.ReceiveRequestAsync("NOTIFY"), 200, "OK");
        return accepted;
    }

    // The phone holds the customer (re-INVITE with a=sendonly, RFC 3264 §8.4).
    private static async Task HoldAsync(TestPhone phone, SipRequest invite)
    {
        await phone.ReinviteAsync(invite, 2, phone.PcmuAnswer + "a=sendonly\r\n");
        Assert.Equal(200, Assert.IsType<SipResponse>(await phone.ReceiveAsync()).StatusCode);
        await phone.AckAsync(invite, 2);
    }

    // Bruno's phone dials ana's extension with digest credentials; her phone answers and the two talk.
    private async Task<SipRequest> ConsultAsync(TestCaller consult, TestPhone ana)
    {
        Harness.Credentials.Set(DigestCredential.FromPassword("1002", TelephonyHarness.Realm, PhoneDiallingTests.Password));
        var ok = await PhoneDiallingTests.AuthenticateAsync(consult, "1001");
        Assert.Equal(200, ok.StatusCode);
        await consult.AckAsync("1001", cseq: 2);
        var anaInvite = await AnswerPhoneAsync(ana);
        await Until(() => Harness.Inbox.AgentCallChanges.Any(c => c.Call.State == AgentCallState.Connected));
        await BothWaysAsync(consult.Rtp, MediaPort(ok.Body.Span), ana.Rtp, MediaPort(anaInvite.Body.Span), 0x51, 0x71);
        return anaInvite;
    }

    // Bruno's phone dials ana's extension with digest credentials and hears ringback; her phone rings: its INVITE.
    private async Task<SipRequest> ConsultRingingAsync(TestCaller consult, TestPhone ana)
    {
        Harness.Credentials.Set(DigestCredential.FromPassword("1002", TelephonyHarness.Realm, PhoneDiallingTests.Password));
        Assert.Equal(200, (await PhoneDiallingTests.AuthenticateAsync(consult, "1001")).StatusCode);
        await consult.AckAsync("1001", cseq: 2);
        var anaInvite = await ana.ReceiveRequestAsync("INVITE");
        await ana.RespondAsync(anaInvite, 180, "Ringing");
        await Until(() => Harness.Inbox.AgentCallChanges.Any(c => c.Call.State == AgentCallState.RingingCallee));
        return anaInvite;
    }

    private async Task HangUpAsync(TestCaller caller, TestPhone phone)
    {
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await AssertNothingLeftAsync();
    }
}
