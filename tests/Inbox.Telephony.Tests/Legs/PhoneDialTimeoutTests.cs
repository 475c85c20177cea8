using Microsoft.Extensions.Time.Testing;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// A number bruno's phone dialled whose interaction the inbox filed but never placed (its notice lost): on a fake
/// clock, the phone's INVITE is answered and the media released once the phone would have given up anyway (64·T1).
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
}
