using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Outbox;
using Inbox.Interactions.Storage;
using Microsoft.Extensions.Logging;

namespace Inbox.Interactions.Engine;

/// <summary>
/// The inbox: applies agents' and channels' commands one at a time, stores each before it answers or tells anyone,
/// then routes what is pending to whoever is free. One gate for the whole domain keeps routing decisions (which
/// span agents and interactions) atomic; its cost is the store's commit, which every command pays anyway.
/// </summary>
internal sealed partial class InboxEngine : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Interaction> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentStatus> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Chat> _chats = new(StringComparer.Ordinal);
    private readonly IInboxStore _store;
    private readonly EventHub _events;
    private readonly ChannelRegistry _channels;
    private readonly AttachmentStore _attachments;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _deadlineTimer;
    private readonly CancellationTokenSource _stopping = new();
    private InboxDirectory _directory;
    private DateTimeOffset _lastSweep;

    public InboxEngine(
        InboxDirectory directory,
        IInboxStore store,
        EventHub events,
        ChannelRegistry channels,
        AttachmentStore attachments,
        OutboxPolicy outbox,
        TimeProvider time,
        ILogger<InboxEngine> logger)
    {
        _directory = directory;
        _store = store;
        _events = events;
        _channels = channels;
        _attachments = attachments;
        _time = time;
        _logger = logger;
        _lastSweep = time.GetUtcNow();
        _deadlineTimer = time.CreateTimer(_ => _ = SweepDeadlinesAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _outboxPolicy = outbox;
        _outboxTimer = time.CreateTimer(_ => WakeOutbox(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public InboxDirectory Directory => _directory;

    public EventHub Events => _events;

    /// <summary>Creates or upgrades the schema and resumes every interaction that was open at the last stop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.MigrateAsync(cancellationToken).ConfigureAwait(false);
        var open = await _store.LoadOpenInteractionsAsync(cancellationToken).ConfigureAwait(false);
        var chats = await _store.ListChatsAsync(cancellationToken).ConfigureAwait(false);
        var queued = await _store.LoadOutboxAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var interaction in open)
            {
                _open[interaction.Id] = interaction;
            }

            foreach (var chat in chats)
            {
                _chats[chat.Id] = chat;
            }

            ArmDeadlineTimer();
        }
        finally
        {
            _gate.Release();
        }

        // A restart signs everybody out, so nobody can answer the offers that were open.
        await RunAsync(tx =>
        {
            WithdrawOffers(tx, agentId: null);

            // Besides each new one: delivery reports kept for sends that never came must not outlive a quiet spell.
            tx.Changes.ExpireEarlyReportsBefore = tx.Now - _outboxPolicy.KeepEarlyReports;
            return Task.FromResult(true);
        }, cancellationToken).ConfigureAwait(false);

        StartOutbox(queued);
        InboxLog.Resumed(_logger, open.Count, chats.Count, queued.Count);
    }

    /// <summary>Swaps in a new directory (configuration reload); live interactions carry on.</summary>
    public Task ReplaceDirectoryAsync(InboxDirectory directory, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            _directory = directory;
            foreach (var agentId in directory.Agents.Keys)
            {
                tx.TouchedAgents.Add(agentId);
            }

            return Task.FromResult(true);
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await StopSendingAsync(CancellationToken.None).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _deadlineTimer.DisposeAsync().ConfigureAwait(false);
        await _outboxTimer.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _sendsCancelled.Dispose();
        _gate.Dispose();
    }

    /// <summary>Runs one command under the gate, routes, stores, then applies and publishes.</summary>
    private async Task<T> RunAsync<T>(Func<InboxTransaction, Task<T>> command, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        InboxTransaction tx;
        T result;
        try
        {
            tx = new InboxTransaction(_time.GetUtcNow());
            result = await command(tx).ConfigureAwait(false);
            Route(tx);
            if (!tx.Changes.IsEmpty)
            {
                // Not the caller's token: once a command is decided, storing it must not be half-abandoned.
                await _store.CommitAsync(tx.Changes, CancellationToken.None).ConfigureAwait(false);
            }

            Apply(tx);
            EnqueueOutbound(tx);
        }
        finally
        {
            _gate.Release();
        }

        foreach (var work in tx.AfterCommit)
        {
            _ = work();
        }

        return result;
    }

    /// <summary>The open interactions as the transaction sees them (staged versions first).</summary>
    private IEnumerable<Interaction> OpenView(InboxTransaction tx)
    {
        foreach (var interaction in _open.Values)
        {
            if (!tx.Interactions.ContainsKey(interaction.Id))
            {
                yield return interaction;
            }
        }

        foreach (var interaction in tx.Interactions.Values)
        {
            if (interaction.IsOpen)
            {
                yield return interaction;
            }
        }
    }

    private AgentStatus StatusOf(InboxTransaction? tx, string agentId) =>
        tx is not null && tx.Agents.TryGetValue(agentId, out var staged) ? staged
        : _agents.TryGetValue(agentId, out var status) ? status
        : AgentStatus.Offline(agentId, _lastSweep);

    private void Apply(InboxTransaction tx)
    {
        QueueOfferNotices(tx);
        var affected = new HashSet<string>(tx.TouchedAgents, StringComparer.Ordinal);

        // Whoever saw the previous version learns of the change too, even when the new one is no longer hers to see
        // (a transfer withdrawn from her, or accepted into a campaign she is not in).
        var audiences = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var interaction in tx.Interactions.Values)
        {
            var previous = _open.GetValueOrDefault(interaction.Id);
            AddInvolved(affected, previous);
            AddInvolved(affected, interaction);
            var audience = AudienceOf(interaction);
            if (previous is not null)
            {
                audience.UnionWith(AudienceOf(previous));
            }

            audiences[interaction.Id] = audience;
        }

        foreach (var agentId in tx.Agents.Keys)
        {
            affected.Add(agentId);
        }

        // A sweep judges "before" at the previous sweep: a wrap-up that ran out since then was still on, so the
        // agent is seen to turn idle (and her idle time starts) instead of already looking idle on both sides.
        var before = Views(affected, null, tx.SweptDeadlines ? _lastSweep : tx.Now);
        foreach (var interaction in tx.Interactions.Values)
        {
            if (interaction.IsOpen)
            {
                _open[interaction.Id] = interaction;
            }
            else
            {
                _open.Remove(interaction.Id);
            }
        }

        foreach (var status in tx.Agents.Values)
        {
            _agents[status.AgentId] = status;
        }

        foreach (var chat in tx.Changes.Chats)
        {
            _chats[chat.Id] = chat;
        }

        if (tx.SweptDeadlines)
        {
            // Only now, once stored: a sweep whose write failed must announce the same wrap-ups on its retry.
            _lastSweep = tx.Now;
        }

        PublishChanges(tx, audiences, affected, before);
        ArmDeadlineTimer();
    }

    private void PublishChanges(
        InboxTransaction tx, Dictionary<string, HashSet<string>> audiences, HashSet<string> affected, Dictionary<string, AgentView> before)
    {
        foreach (var interaction in tx.Interactions.Values)
        {
            _events.Publish(audiences[interaction.Id], new InteractionChanged(interaction));
        }

        foreach (var message in tx.Changes.Messages)
        {
            var interaction = tx.Interactions.GetValueOrDefault(message.InteractionId) ?? _open.GetValueOrDefault(message.InteractionId);
            if (interaction is not null)
            {
                // New: received, or written and not yet tried; a retry's record is a change of the same message.
                var isNew = message.Status == MessageStatus.Received || (message.Status == MessageStatus.Sending && message.Attempts == 0);
                _events.Publish(InvolvedAudienceOf(interaction), new MessageChanged(message, isNew));
            }
        }

        foreach (var chatMessage in tx.Changes.ChatMessages)
        {
            var chat = _chats[chatMessage.ChatId];
            _events.Publish(MembersOf(chat), new ChatMessageAdded(chat, chatMessage));
        }

        var after = Views(affected, null, tx.Now);
        foreach (var (agentId, view) in after)
        {
            var previous = before.GetValueOrDefault(agentId);
            if (previous is not null && previous.Activity == view.Activity && previous.Status == view.Status && previous.InHand == view.InHand)
            {
                continue;
            }

            var current = view;
            if (view.Activity == AgentActivity.Idle && previous?.Activity != AgentActivity.Idle)
            {
                // Longest-idle routing counts from the moment she became free.
                var status = view.Status with { IdleSince = tx.Now };
                _agents[agentId] = status;
                current = view with { Status = status };
            }

            _events.Publish(TeamAudienceOf(current.Agent), new AgentChanged(current));
        }
    }

    private Dictionary<string, AgentView> Views(IEnumerable<string> agentIds, InboxTransaction? tx, DateTimeOffset now)
    {
        var workloads = AgentWorkload.Of(tx is null ? _open.Values : OpenView(tx), now);
        var views = new Dictionary<string, AgentView>(StringComparer.Ordinal);
        foreach (var agentId in agentIds)
        {
            if (_directory.Agent(agentId) is { } agent)
            {
                views[agentId] = ViewOf(agent, StatusOf(tx, agentId), workloads.GetValueOrDefault(agentId), now);
            }
        }

        return views;
    }

    private static AgentView ViewOf(Agent agent, AgentStatus status, AgentWorkload? workload, DateTimeOffset now)
    {
        workload ??= new AgentWorkload();
        return new AgentView(agent, status, workload.ActivityOf(status, now), workload.InHand, workload.WrapUpUntil > now ? workload.WrapUpUntil : null);
    }

    private static void AddInvolved(HashSet<string> agents, Interaction? interaction)
    {
        if (interaction is null)
        {
            return;
        }

        foreach (var agentId in Involved(interaction))
        {
            agents.Add(agentId);
        }
    }

    private static IEnumerable<string> Involved(Interaction interaction)
    {
        if (interaction.AgentId is { } agentId)
        {
            yield return agentId;
        }

        if (interaction.OfferedTo is { } offeredTo)
        {
            yield return offeredTo;
        }

        if (interaction.Transfer is { } transfer)
        {
            yield return transfer.FromAgentId;
            if (transfer.OfferedTo is { } target)
            {
                yield return target;
            }
        }
    }
}
