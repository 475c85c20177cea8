using System.Collections.Immutable;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// Who may act on a call: its agent while the interaction is live; a supervisor listening in also once it is finalized,
/// since a conference its agent left goes on with her in it.
/// </summary>
public sealed class CallAccessTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task RequireCall_Finalized_RefusedToTheAgentButASupervisorStillReachesIt()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550100", null, ImmutableDictionary<string, string>.Empty, s_none);
        var call = await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);

        var live = await inbox.Engine.RequireCallToMonitorAsync(inbox.Dora, call.Id, s_none);
        await inbox.Engine.FinalizeAsync(inbox.Bruno, call.Id, s_none);
        var over = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.RequireCallAsync(inbox.Bruno, call.Id, s_none));
        var monitored = await inbox.Engine.RequireCallToMonitorAsync(inbox.Dora, call.Id, s_none);
        var denied = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.RequireCallToMonitorAsync(inbox.Bruno, call.Id, s_none));

        Assert.Equal(InteractionState.Active, live.State);
        Assert.Equal(InboxError.FailedPrecondition, over.Error);
        Assert.Equal(InteractionState.Finalized, monitored.State);
        Assert.Equal(InboxError.PermissionDenied, denied.Error);
    }
}
