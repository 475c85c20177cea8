using System.Collections.Immutable;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;

namespace Inbox.Telephony.Routing;

/// <summary>
/// The narrow view call control has of the inbox: a call opens a pending interaction, the agent's phone answering
/// accepts the offer (declining rejects it), and either side hanging up ends it; its changes stream to the agent, and
/// what outlives the call (the recording's path, the quality summary) is filed on the interaction.
/// The host's implementation is <see cref="InboxEngineTelephonyInbox"/>; tests use a recording fake.
/// </summary>
internal interface ITelephonyInbox
{
    /// <summary>Queues a new inbound call in <paramref name="campaignId"/>; returns the interaction id.</summary>
    Task<string> OpenCallAsync(
        string campaignId, string callerNumber, string? callerName, ImmutableDictionary<string, string> clientInfo, CancellationToken cancellationToken);

    /// <summary>The caller hung up or cancelled before an agent took the call.</summary>
    Task AbandonAsync(string interactionId, CancellationToken cancellationToken);

    /// <summary>The caller hung up while talking to an agent: the interaction is finalized and she enters wrap-up.</summary>
    Task CustomerHungUpAsync(string interactionId, CancellationToken cancellationToken);

    /// <summary>
    /// The call ended without the agent hanging up (busy, no answer, a failure): the interaction is finalized with
    /// <paramref name="reason"/> as its end reason and she enters wrap-up.
    /// </summary>
    Task EndCallAsync(string interactionId, string reason, CancellationToken cancellationToken);

    /// <summary><paramref name="agentId"/> answered the call she was offered.</summary>
    Task AcceptAsync(string agentId, string interactionId, CancellationToken cancellationToken);

    /// <summary><paramref name="agentId"/>'s phone declined or could not take the call: routing offers the next agent.</summary>
    Task RejectAsync(string agentId, string interactionId, CancellationToken cancellationToken);

    /// <summary><paramref name="agentId"/> hung up: she finalizes the interaction.</summary>
    Task FinalizeAsync(string agentId, string interactionId, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="agentId"/> transfers the call (<paramref name="targetKind"/>: an agent or a campaign). The
    /// inbox's notices (<see cref="TelephonyChannel"/>) then drive the call.
    /// </summary>
    Task TransferAsync(
        string agentId, string interactionId, TransferMode mode, TransferTargetKind targetKind, string targetId, CancellationToken cancellationToken);

    /// <summary>The target <paramref name="agentId"/> answered an attended transfer: the consult starts and the transfer no longer times out.</summary>
    Task TransferAnsweredAsync(string agentId, string interactionId, CancellationToken cancellationToken);

    /// <summary><paramref name="agentId"/> (the transferring agent) hands the consulted call over to the target.</summary>
    Task CompleteTransferAsync(string agentId, string interactionId, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="agentId"/>'s phone connected her teammate <paramref name="targetId"/> to the customer itself
    /// (REFER with Replaces): the interaction is the target's at once, with no notice back to telephony.
    /// </summary>
    Task TransferConnectedAsync(string agentId, string interactionId, string targetId, CancellationToken cancellationToken);

    /// <summary>
    /// The number a call is being transferred to answered: with <paramref name="consult"/> (attended, the agent still
    /// on the call) she talks to it until she completes; otherwise the call is handed over and the interaction is
    /// finalized as transferred out.
    /// </summary>
    Task ExternalTransferAnsweredAsync(string interactionId, bool consult, CancellationToken cancellationToken);

    /// <summary>The number could not be reached (busy, no answer, a failure) or hung up the consult: the call returns to the agent.</summary>
    Task ExternalTransferFailedAsync(string interactionId, CancellationToken cancellationToken);

    /// <summary><paramref name="agentId"/> withdraws her transfer: the call comes back to her.</summary>
    Task CancelTransferAsync(string agentId, string interactionId, CancellationToken cancellationToken);

    /// <summary>
    /// The campaigns <paramref name="agentId"/> places calls in (a member, telephony enabled outbound), by id: a number
    /// her phone dials goes out through the first whose trunks dial it.
    /// </summary>
    IReadOnlyList<string> OutboundCampaignsOf(string agentId);

    /// <summary>
    /// <paramref name="agentId"/>'s phone dialled <paramref name="number"/>: starts the outbound interaction as her "New"
    /// would, filed with the phone's <paramref name="callId"/>; the inbox's notice then connects the call. Returns its id.
    /// </summary>
    Task<string> StartCallAsync(string agentId, string campaignId, string number, string callId, CancellationToken cancellationToken);

    /// <summary>The agent whose phones register as <paramref name="extension"/>, if any (a REFER names a target by extension).</summary>
    string? AgentByExtension(string extension);

    /// <summary>Streams a call's change (<see cref="CallChanged"/>, <see cref="DtmfReceived"/>) to the agents working it.</summary>
    Task PublishAsync(string interactionId, InboxEvent callEvent, CancellationToken cancellationToken);

    /// <summary>Streams a change of a supervisor's listening in to her alone.</summary>
    Task PublishMonitorAsync(MonitorChanged change, CancellationToken cancellationToken);

    /// <summary>Streams a change of a call between agents to both of them.</summary>
    Task PublishAgentCallAsync(AgentCallChanged change, CancellationToken cancellationToken);

    /// <summary>Streams a call's change to every agent whose lists show the interaction: its campaign's members too.</summary>
    Task PublishToCampaignAsync(string interactionId, InboxEvent callEvent, CancellationToken cancellationToken);

    /// <summary><paramref name="agentId"/> takes over the live call (retrieving it from the park lot): it becomes hers.</summary>
    Task TakeOverAsync(string agentId, string interactionId, CancellationToken cancellationToken);

    /// <summary>The SIP extensions whose registered phones ring for <paramref name="agentId"/>; none for an unknown agent.</summary>
    IReadOnlyList<string> ExtensionsOf(string agentId);

    /// <summary>The call is being recorded to <paramref name="path"/> (relative to the data folder); stored before it returns.</summary>
    Task RecordingStartedAsync(string interactionId, string path, CancellationToken cancellationToken);

    /// <summary>The call is over: keeps how it sounded on its interaction (also after the interaction closed).</summary>
    Task CallQualityAsync(string interactionId, CallQualitySummary summary, CancellationToken cancellationToken);
}
