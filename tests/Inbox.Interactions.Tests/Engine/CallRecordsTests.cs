using System.Collections.Immutable;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>What call control files on a call's interaction: the recording's path, then the quality summary.</summary>
public sealed class CallRecordsTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    private static readonly CallQualitySummary s_summary = new(
    [
        new LegQualitySummary(CallLegRole.Customer, 4.31, 3.8, QualityBand.Orange, 12),
        new LegQualitySummary(CallLegRole.Agent, 4.4, 4.35, QualityBand.Green, 12),
    ]);

    [Fact]
    public async Task SetRecordingPath_OpenCall_StoredAsTheNextVersion()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550100", null, ImmutableDictionary<string, string>.Empty, s_none);

        var recorded = await inbox.Engine.SetRecordingPathAsync(call.Id, "recordings/2026-11-25/" + call.Id + ".wav", s_none);

        Assert.Equal("recordings/2026-11-25/" + call.Id + ".wav", (await inbox.Store.FindInteractionAsync(call.Id, s_none))!.RecordingPath);
        Assert.Equal(call.Version + 1, recorded.Version);
    }

    [Fact]
    public async Task SetCallQuality_AbandonedCallAlreadyClosed_StoredAnyway()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550100", null, ImmutableDictionary<string, string>.Empty, s_none);
        await inbox.Engine.EndByCustomerAsync(call.Id, "abandoned", s_none);

        await inbox.Engine.SetCallQualityAsync(call.Id, s_summary, s_none);

        var stored = await inbox.Store.FindInteractionAsync(call.Id, s_none);
        Assert.Equal(InteractionState.Closed, stored!.State);
        Assert.Equal(s_summary.Legs, stored.CallQuality!.Legs);
    }

    [Fact]
    public async Task SetCallQuality_NotACall_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var mail = await inbox.CustomerWritesAsync(ChannelKind.Email, "ana@example.com", campaignId: "support");

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.SetCallQualityAsync(mail.Id, s_summary, s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task SetRecordingPath_UnknownInteraction_NotFound()
    {
        await using var inbox = await InboxFixture.StartAsync();

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.SetRecordingPathAsync("nope", "recordings/x.wav", s_none));

        Assert.Equal(InboxError.NotFound, refused.Error);
    }
}
