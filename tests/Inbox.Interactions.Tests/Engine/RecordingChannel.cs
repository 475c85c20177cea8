using System.Collections.Concurrent;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// A real in-process channel: it accepts what the inbox sends, numbers it like a provider would, and can be told to
/// refuse or to throw. Not a mock of the domain: the engine drives it exactly as it drives a plugin.
/// </summary>
internal sealed class RecordingChannel(ChannelKind kind) : IInteractionChannel, IOfferingChannel, IStartingChannel
{
    private int _sent;

    public ChannelKind Kind { get; } = kind;

    public ChannelCapabilities Capabilities { get; set; } = ChannelCapabilities.DefaultFor(kind);

    public ConcurrentQueue<OutboundMessage> Sent { get; } = new();

    /// <summary>Every send it was given, taken or not, with the clock's time then: the retries as the provider saw them.</summary>
    public ConcurrentQueue<(string MessageId, DateTimeOffset At)> Attempts { get; } = new();

    /// <summary>The clock <see cref="Attempts"/> are timed with.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The next this-many sends are refused with 503, as a provider that is down answers; then sends are taken again.</summary>
    public int RefuseNext { get; set; }

    /// <summary>Whether those refusals may succeed later (an outage) or are final (an invalid number). Default true.</summary>
    public bool RefusalsRetryable { get; set; } = true;

    /// <summary>When set, sends wait for it (or for their cancellation) before they are answered.</summary>
    public Task? Hold { get; set; }

    /// <summary>
    /// Offer notices in order: "+agent" when offered, "-agent" when the offer ended, "=agent" when she took it without
    /// an offer; for transfers "t" when one started, "t+agent" offered, "t-agent" offer ended, "t=agent" accepted,
    /// "t&lt;agent" returned to her; each with the interaction id.
    /// </summary>
    public ConcurrentQueue<(string Notice, string InteractionId)> Offers { get; } = new();

    /// <summary>What an agent's "New" is filed with (as telephony names its call); default: the address as given, no client info.</summary>
    public Func<Campaign, Agent, string, ChannelStart>? StartWith { get; set; }

    /// <summary>When set, every send throws this.</summary>
    public Exception? Throw { get; set; }

    public async Task<ChannelSendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        Attempts.Enqueue((message.Message.Id, Clock.GetUtcNow()));
        if (Hold is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        if (Throw is not null)
        {
            throw Throw;
        }

        if (RefuseNext > 0)
        {
            RefuseNext--;
            return ChannelSendResult.Failed("http_503", "the provider is down") with { Retryable = RefusalsRetryable };
        }

        Sent.Enqueue(message);
        return ChannelSendResult.Sent($"{Kind}-{Interlocked.Increment(ref _sent)}");
    }

    public void Offered(Interaction interaction, Agent agent) => Offers.Enqueue(("+" + agent.Id, interaction.Id));

    public void OfferEnded(Interaction interaction, string agentId) => Offers.Enqueue(("-" + agentId, interaction.Id));

    public void Taken(Interaction interaction, Agent agent) => Offers.Enqueue(("=" + agent.Id, interaction.Id));

    public void TransferStarted(Interaction interaction) => Offers.Enqueue(("t", interaction.Id));

    public void TransferOffered(Interaction interaction, Agent agent) => Offers.Enqueue(("t+" + agent.Id, interaction.Id));

    public void TransferOfferEnded(Interaction interaction, string agentId) => Offers.Enqueue(("t-" + agentId, interaction.Id));

    public void TransferAccepted(Interaction interaction, Agent agent) => Offers.Enqueue(("t=" + agent.Id, interaction.Id));

    public void TransferReturned(Interaction interaction, Agent agent) => Offers.Enqueue(("t<" + agent.Id, interaction.Id));

    public ChannelStart Starting(Campaign campaign, Agent agent, string customerAddress) =>
        StartWith?.Invoke(campaign, agent, customerAddress) ?? new ChannelStart(customerAddress, []);
}
