using Inbox.Interactions.Channels;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

public sealed class EventStreamTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task Subscribe_OfferToHer_InteractionChangedReachesHerStream()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var stream = inbox.Engine.Events.Subscribe("bruno", inbox.Engine.Events.Epoch, afterSequence: 0);

        var offered = await inbox.CustomerWritesAsync(ChannelKind.Email, "client@example.com", campaignId: "support");

        var events = Drain(stream);
        Assert.Contains(events, e => e.Payload is InteractionChanged { Interaction: { State: InteractionState.Offered, OfferedTo: "bruno" } } c && c.Interaction.Id == offered.Id);
        Assert.Contains(events, e => e.Payload is MessageChanged { IsNew: true, Message.Text: "Hi" });
        Assert.Contains(events, e => e.Payload is AgentChanged { Agent.Agent.Id: "bruno", Agent.Activity: Agents.AgentActivity.Offered });
    }

    [Fact]
    public async Task Subscribe_AfterASequence_ReplaysExactlyTheMissedEvents()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var first = inbox.Engine.Events.Subscribe("bruno", inbox.Engine.Events.Epoch, 0);
        await inbox.CustomerWritesAsync(ChannelKind.Email, "one@example.com", campaignId: "support");
        var seen = Drain(first);
        var last = seen[^1].Sequence;

        await inbox.CustomerWritesAsync(ChannelKind.Email, "two@example.com", campaignId: "support");
        var resumed = Drain(inbox.Engine.Events.Subscribe("bruno", inbox.Engine.Events.Epoch, last));

        Assert.NotEmpty(resumed);
        Assert.Equal(last + 1, resumed[0].Sequence);
        Assert.Equal(Enumerable.Range(0, resumed.Count).Select(i => last + 1 + (ulong)i), resumed.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Subscribe_EpochOfAnotherServerRun_StreamResetFirst()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);

        var events = Drain(inbox.Engine.Events.Subscribe("bruno", "an-old-epoch", afterSequence: 42));

        Assert.IsType<StreamReset>(events[0].Payload);
        Assert.Equal(0UL, events[0].Sequence);
    }

    [Fact]
    public async Task SignIn_Again_FirstStreamEndsSayingWhyAndOldTokenStopsWorking()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var first = await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);
        var stream = inbox.Engine.Events.Subscribe("bruno", inbox.Engine.Events.Epoch, 0);

        var second = await inbox.Engine.SignInAsync(inbox.Sessions, "bruno", "key-bruno", s_none);

        var events = Drain(stream);
        Assert.IsType<SessionEnded>(events[^1].Payload);
        Assert.True(stream.Reader.Completion.IsCompleted);
        Assert.Null(inbox.Sessions.Resolve(first.Token));
        Assert.Equal(second, inbox.Sessions.Resolve(second.Token));
    }

    [Fact]
    public async Task SignIn_WrongKeyOrUnknownAgent_SameRefusal()
    {
        await using var inbox = await InboxFixture.StartAsync();

        var wrongKey = await Assert.ThrowsAsync<Errors.InboxException>(() => inbox.Engine.SignInAsync(inbox.Sessions, "carla", "nope", s_none));
        var unknown = await Assert.ThrowsAsync<Errors.InboxException>(() => inbox.Engine.SignInAsync(inbox.Sessions, "zoe", "nope", s_none));

        Assert.Equal(wrongKey.Message, unknown.Message);
        Assert.Equal(Errors.InboxError.PermissionDenied, wrongKey.Error);
        Assert.NotNull(await inbox.Engine.SignInAsync(inbox.Sessions, "carla", "key-carla", s_none));
    }

    [Fact]
    public async Task SetPresence_TeamMembersSeeIt()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.Engine.SignInAsync(inbox.Sessions, "ana", "key-ana", s_none);
        var anaStream = inbox.Engine.Events.Subscribe("ana", inbox.Engine.Events.Epoch, 0);
        var carlaStream = inbox.Engine.Events.Subscribe("carla", inbox.Engine.Events.Epoch, 0);

        await inbox.ReadyAsync(inbox.Bruno);

        // Ana shares the support campaign with Bruno; Carla works only in sales.
        Assert.Contains(Drain(anaStream), e => e.Payload is AgentChanged { Agent.Agent.Id: "bruno", Agent.Activity: Agents.AgentActivity.Idle });
        Assert.DoesNotContain(Drain(carlaStream), e => e.Payload is AgentChanged { Agent.Agent.Id: "bruno" });
    }

    [Fact]
    public async Task TransferToCampaign_Accepted_TransferringAgentSeesItLeave()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", campaignId: "support");
        await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
        await inbox.ReadyAsync(inbox.Carla);
        await inbox.Engine.TransferAsync(inbox.Bruno, offered.Id, TransferTargetKind.Campaign, "sales", s_none);
        var brunoStream = inbox.Engine.Events.Subscribe("bruno", inbox.Engine.Events.Epoch, inbox.Engine.Events.LastSequence("bruno"));

        await inbox.Engine.AcceptOfferAsync(inbox.Carla, offered.Id, s_none);

        // Bruno works only in support: the interaction now in sales must still leave his list.
        Assert.Contains(Drain(brunoStream), e => e.Payload is InteractionChanged { Interaction: { State: InteractionState.Active, AgentId: "carla" } } c && c.Interaction.Id == offered.Id);
    }

    [Fact]
    public async Task TransferToAgent_Cancelled_TargetSeesTheOfferWithdrawn()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.Email, "client@example.com", campaignId: "support");
        await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
        await inbox.ReadyAsync(inbox.Carla);
        await inbox.Engine.TransferAsync(inbox.Bruno, offered.Id, TransferTargetKind.Agent, "carla", s_none);
        var carlaStream = inbox.Engine.Events.Subscribe("carla", inbox.Engine.Events.Epoch, inbox.Engine.Events.LastSequence("carla"));

        await inbox.Engine.CancelTransferAsync(inbox.Bruno, offered.Id, s_none);

        // Carla is not in support: only this event tells her UI the offer is gone.
        Assert.Contains(Drain(carlaStream), e => e.Payload is InteractionChanged { Interaction: { State: InteractionState.Active, Transfer: null } } c && c.Interaction.Id == offered.Id);
    }

    [Fact]
    public async Task SignOut_NotStored_SessionAndStreamCarryOn()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var session = await inbox.ReadyAsync(inbox.Bruno);
        await inbox.CustomerWritesAsync(ChannelKind.Email, "client@example.com", campaignId: "support");
        var stream = inbox.Engine.Events.Subscribe("bruno", inbox.Engine.Events.Epoch, inbox.Engine.Events.LastSequence("bruno"));
        inbox.Commits.FailCommits = true;

        await Assert.ThrowsAsync<IOException>(() => inbox.Engine.SignOutAsync(inbox.Sessions, session, s_none));

        // Nothing changed: he is still signed in with his offer, so his token and his stream must still work.
        Assert.Equal(session, inbox.Sessions.Resolve(session.Token));
        Assert.DoesNotContain(Drain(stream), e => e.Payload is SessionEnded);
        Assert.False(stream.Reader.Completion.IsCompleted);
    }

    private static List<SequencedEvent> Drain(EventSubscription subscription)
    {
        var events = new List<SequencedEvent>();
        while (subscription.Reader.TryRead(out var item))
        {
            events.Add(item);
        }

        return events;
    }
}
