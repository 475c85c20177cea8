using Inbox.Interactions.Errors;
using Inbox.Telephony.Trunks;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// A number bruno's phone dialled whose interaction the inbox filed but never placed (its notice lost or late): on a
/// fake clock, the phone's INVITE is answered and the media released once the phone would have given up anyway
/// (64·T1), and a notice coming after that places nothing.
/// </summary>
public sealed class PhoneDialTimeoutTests : CallTestBase
{
    private readonly FakeTimeProvider _time = new();

    private protected override Task<TelephonyHarness> StartHarnessAsync() => TelephonyHarness.StartAsync(60000 + (2 * Random.Shared.Next(0, 1000)), _time);

    [Fact]
    public async Task DialNumber_InboxNoticeNeverComes_RequestTimeoutMediaReleasedInteractionEnded()
    {
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");

        await PhoneDiallingTests.DialLeftPendingAsync(Harness, bruno);
        await AdvanceUntil(_time, TimeSpan.FromSeconds(40), () => Harness.Handler.PendingPhoneDialCount == 0);

        Assert.Equal(408, await PhoneDiallingTests.GivenUpAsync(Harness, bruno));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task DialNumber_InboxNoticeComesAfterTheDialWasGivenUp_NeitherThePhoneNorTheCustomerIsCalled()
    {
        using var bruno = new TestCaller(Harness.SipEndPoint, user: "1002");
        using var registered = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var carrier = Trunk.Create(new TrunkOptions { Id = "carrier", Address = trunk.SipEndPoint.ToString(), FromUser = "+34910000000" });
        await PhoneDiallingTests.DialLeftPendingAsync(Harness, bruno);
        await AdvanceUntil(_time, TimeSpan.FromSeconds(40), () => Harness.Handler.PendingPhoneDialCount == 0);
        var givenUp = await PhoneDiallingTests.GivenUpAsync(Harness, bruno);

        var (agent, campaign, number, callId) = Assert.Single(Harness.Inbox.Started);
        Harness.Handler.Dial(callId, "out1", agent, ["1002"], campaign, new OutboundRoute(carrier, number, "0034600123456"));

        // The call's executor runs the late notice before this: had it placed the call, it would be ringing the phone.
        await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.GetCallAsync(callId));
        Assert.Equal(408, givenUp);
        Assert.Equal("out1", Assert.Single(Harness.Inbox.Ended).Id);
        await AssertNothingLeftAsync();
    }
}
