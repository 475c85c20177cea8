using System.Collections.Concurrent;
using System.Collections.Immutable;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;
using Inbox.Telephony.Routing;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>An inbox that records what call control asks of it; <see cref="Hold"/> keeps calls from being filed until released.</summary>
internal sealed class RecordingInbox : ITelephonyInbox
{
    private int _next;

    public ConcurrentQueue<(string Id, string Campaign, string Caller, string? Name)> Opened { get; } = new();

    public ConcurrentQueue<string> Abandoned { get; } = new();

    /// <summary>When set, filing waits for this task.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public async Task<string> OpenCallAsync(
        string campaignId, string callerNumber, string? callerName, ImmutableDictionary<string, string> clientInfo, CancellationToken cancellationToken)
    {
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        var id = "i" + Interlocked.Increment(ref _next);
        Opened.Enqueue((id, campaignId, callerNumber, callerName));
        return id;
    }

    public Task AbandonAsync(string interactionId, CancellationToken cancellationToken)
    {
        Abandoned.Enqueue(interactionId);
        return Task.CompletedTask;
    }

    public ConcurrentQueue<string> HungUp { get; } = new();

    public ConcurrentQueue<(string Agent, string Id)> Accepted { get; } = new();

    public ConcurrentQueue<(string Agent, string Id)> Rejected { get; } = new();

    public ConcurrentQueue<(string Agent, string Id)> Finalized { get; } = new();

    public Task CustomerHungUpAsync(string interactionId, CancellationToken cancellationToken)
    {
        HungUp.Enqueue(interactionId);
        return Task.CompletedTask;
    }

    public ConcurrentQueue<(string Id, string Reason)> Ended { get; } = new();

    public Task EndCallAsync(string interactionId, string reason, CancellationToken cancellationToken)
    {
        Ended.Enqueue((interactionId, reason));
        return Task.CompletedTask;
    }

    public Task AcceptAsync(string agentId, string interactionId, CancellationToken cancellationToken)
    {
        Accepted.Enqueue((agentId, interactionId));
        return Task.CompletedTask;
    }

    public Task RejectAsync(string agentId, string interactionId, CancellationToken cancellationToken)
    {
        Rejected.Enqueue((agentId, interactionId));
        return Task.CompletedTask;
    }

    public Task FinalizeAsync(string agentId, string interactionId, CancellationToken cancellationToken)
    {
        Finalized.Enqueue((agentId, interactionId));
        return Task.CompletedTask;
    }

    /// <summary>Transfers asked for, as "agent>mode>kind:target" with the interaction id.</summary>
    public ConcurrentQueue<(string Transfer, string Id)> Transfers { get; } = new();

    /// <summary>When set, <see cref="TransferAsync"/> throws this, as the engine refusing would.</summary>
    public Exception? RefuseTransfer { get; set; }

    /// <summary>Targets whose answer was recorded as the start of a consult.</summary>
    public ConcurrentQueue<(string Agent, string Id)> Consulting { get; } = new();

    public ConcurrentQueue<(string Agent, string Id)> Completed { get; } = new();

    public ConcurrentQueue<(string Agent, string Id)> Cancelled { get; } = new();

    public Task TransferAsync(
        string agentId, string interactionId, TransferMode mode, TransferTargetKind targetKind, string targetId, CancellationToken cancellationToken)
    {
        if (RefuseTransfer is { } refusal)
        {
            return Task.FromException(refusal);
        }

        Transfers.Enqueue(($"{agentId}>{mode}>{targetKind}:{targetId}", interactionId));
        return Task.CompletedTask;
    }

    public Task TransferAnsweredAsync(string agentId, string interactionId, CancellationToken cancellationToken)
    {
        Consulting.Enqueue((agentId, interactionId));
        return Task.CompletedTask;
    }

    public Task CompleteTransferAsync(string agentId, string interactionId, CancellationToken cancellationToken)
    {
        Completed.Enqueue((agentId, interactionId));
        return Task.CompletedTask;
    }

    /// <summary>Transfers phones completed themselves (REFER with Replaces), as "agent>target" with the interaction id.</summary>
    public ConcurrentQueue<(string Transfer, string Id)> Connected { get; } = new();

    public Task TransferConnectedAsync(string agentId, string interactionId, string targetId, CancellationToken cancellationToken)
    {
        if (RefuseTransfer is { } refusal)
        {
            return Task.FromException(refusal);
        }

        Connected.Enqueue(($"{agentId}>{targetId}", interactionId));
        return Task.CompletedTask;
    }

    /// <summary>Transfers to a number whose answer was recorded, and whether it started a consult.</summary>
    public ConcurrentQueue<(string Id, bool Consult)> ExternalAnswered { get; } = new();

    /// <summary>Transfers to a number reported as failed.</summary>
    public ConcurrentQueue<string> ExternalFailed { get; } = new();

    public Task ExternalTransferAnsweredAsync(string interactionId, bool consult, CancellationToken cancellationToken)
    {
        ExternalAnswered.Enqueue((interactionId, consult));
        return Task.CompletedTask;
    }

    public Task ExternalTransferFailedAsync(string interactionId, CancellationToken cancellationToken)
    {
        ExternalFailed.Enqueue(interactionId);
        return Task.CompletedTask;
    }

    public Task CancelTransferAsync(string agentId, string interactionId, CancellationToken cancellationToken)
    {
        Cancelled.Enqueue((agentId, interactionId));
        return Task.CompletedTask;
    }

    /// <summary>The campaigns every agent places calls in.</summary>
    public IReadOnlyList<string> OutboundCampaigns { get; set; } = ["support"];

    public IReadOnlyList<string> OutboundCampaignsOf(string agentId) => Extensions.ContainsKey(agentId) ? OutboundCampaigns : [];

    public ConcurrentQueue<(string Agent, string Campaign, string Number, string CallId)> Started { get; } = new();

    /// <summary>What the inbox does once it filed a call a phone dialled (the engine's notice, Dial); when it throws, the start is refused.</summary>
    public Action<(string Agent, string Campaign, string Number, string CallId)>? OnStarted { get; set; }

    public Task<string> StartCallAsync(string agentId, string campaignId, string number, string callId, CancellationToken cancellationToken)
    {
        var start = (agentId, campaignId, number, callId);
        OnStarted?.Invoke(start);
        Started.Enqueue(start);
        return Task.FromResult("out" + Interlocked.Increment(ref _next));
    }

    public string? AgentByExtension(string extension) =>
        Extensions.FirstOrDefault(e => e.Value.Contains(extension)).Key;

    public ConcurrentQueue<(string Id, string Path)> Recordings { get; } = new();

    public ConcurrentQueue<(string Id, CallQualitySummary Summary)> QualitySummaries { get; } = new();

    public Task RecordingStartedAsync(string interactionId, string path, CancellationToken cancellationToken)
    {
        Recordings.Enqueue((interactionId, path));
        return Task.CompletedTask;
    }

    public Task CallQualityAsync(string interactionId, CallQualitySummary summary, CancellationToken cancellationToken)
    {
        QualitySummaries.Enqueue((interactionId, summary));
        return Task.CompletedTask;
    }

    public ConcurrentQueue<(string Id, InboxEvent Event)> Published { get; } = new();

    public Task PublishAsync(string interactionId, InboxEvent callEvent, CancellationToken cancellationToken)
    {
        Published.Enqueue((interactionId, callEvent));
        return Task.CompletedTask;
    }

    public ConcurrentQueue<AgentCallChanged> AgentCallChanges { get; } = new();

    public ConcurrentQueue<MonitorChanged> MonitorChanges { get; } = new();

    public Task PublishMonitorAsync(MonitorChanged change, CancellationToken cancellationToken)
    {
        MonitorChanges.Enqueue(change);
        return Task.CompletedTask;
    }

    public Task PublishAgentCallAsync(AgentCallChanged change, CancellationToken cancellationToken)
    {
        AgentCallChanges.Enqueue(change);
        return Task.CompletedTask;
    }

    public ConcurrentQueue<(string Id, InboxEvent Event)> PublishedToCampaign { get; } = new();

    public Task PublishToCampaignAsync(string interactionId, InboxEvent callEvent, CancellationToken cancellationToken)
    {
        PublishedToCampaign.Enqueue((interactionId, callEvent));
        return Task.CompletedTask;
    }

    public ConcurrentQueue<(string Agent, string Id)> TakenOver { get; } = new();

    /// <summary>When set, taking over a call fails with this.</summary>
    public Exception? RefuseTakeOver { get; set; }

    public Task TakeOverAsync(string agentId, string interactionId, CancellationToken cancellationToken)
    {
        if (RefuseTakeOver is { } refusal)
        {
            return Task.FromException(refusal);
        }

        TakenOver.Enqueue((agentId, interactionId));
        return Task.CompletedTask;
    }

    /// <summary>The agents' extensions, as the directory gives them.</summary>
    public Dictionary<string, IReadOnlyList<string>> Extensions { get; } = new(StringComparer.Ordinal) { ["bruno"] = ["1002"], ["ana"] = ["1001"] };

    public IReadOnlyList<string> ExtensionsOf(string agentId) => Extensions.GetValueOrDefault(agentId) ?? [];
}
