using Inbox.Interactions.Calls;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;
using Inbox.Telephony.Legs;
using Inbox.Telephony.Routing;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Calls;

/// <summary>
/// The Calls API's way into call control: finds an interaction's call (its Call-ID is in the client info) and runs the
/// command on the call's executor. Who may act is the inbox's to decide before calling here.
/// </summary>
internal sealed class CallControl(CallHandler calls, TrunkRouter trunks)
{
    public Task<CallView> GetAsync(Interaction interaction) => calls.GetCallAsync(CallIdOf(interaction));

    public Task<CallView> SetMuteAsync(Interaction interaction, bool muted) => calls.SetMuteAsync(CallIdOf(interaction), muted);

    /// <summary>Pauses or resumes the recording; <paramref name="agentId"/> (who asked) goes into the audit log.</summary>
    public Task<CallView> SetRecordingPausedAsync(Interaction interaction, bool paused, string agentId) =>
        calls.SetRecordingPausedAsync(CallIdOf(interaction), paused, agentId);

    public Task<CallView> SetHoldAsync(Interaction interaction, bool onHold) => calls.SetHoldAsync(CallIdOf(interaction), onHold);

    /// <summary>Parks the call in the lowest free slot; the agent's phone is released.</summary>
    public Task<CallView> ParkAsync(Interaction interaction) => calls.ParkAsync(CallIdOf(interaction));

    /// <summary><paramref name="agent"/> takes the parked call: her phone rings and answering connects her.</summary>
    public Task<CallView> RetrieveAsync(Interaction interaction, Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return calls.RetrieveAsync(CallIdOf(interaction), agent.Id, agent.Extensions);
    }

    /// <summary>The parked calls <paramref name="agent"/> may retrieve: her campaigns' (all, for supervisors).</summary>
    public IReadOnlyList<ParkedCall> ListParked(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return [.. calls.ListParked().Where(p => agent.SeesEverything || agent.IsMemberOf(p.CampaignId))];
    }
    /// <summary>Sends keypad digits to the customer (validated: INVALID_ARGUMENT for anything but 0-9, *, #, A-D, at most 32).</summary>
    public Task<CallView> SendDtmfAsync(Interaction interaction, string digits) => calls.SendDtmfAsync(CallIdOf(interaction), digits);

    /// <summary>Ends the call; the interaction is finalized as its agent's (a supervisor may hang up for her).</summary>
    public Task<CallView> HangUpAsync(Interaction interaction) =>
        calls.HangUpAsync(
            CallIdOf(interaction),
            interaction.AgentId ?? throw InboxException.Precondition($"Interaction {interaction.Id} has no agent to finalize it."),
            interaction.Id);

    /// <summary>Transfers the call to an agent or a campaign, blind or attended, on behalf of <paramref name="agentId"/>.</summary>
    public Task<CallView> TransferAsync(Interaction interaction, string agentId, TransferMode mode, TransferTargetKind targetKind, string targetId) =>
        calls.TransferAsync(CallIdOf(interaction), agentId, interaction.Id, mode, targetKind, targetId);

    /// <summary>
    /// Transfers the call to a number outside, dialled through the campaign's trunk with its dial rules: refused
    /// (INVALID_ARGUMENT, FAILED_PRECONDITION) before anything happens when no trunk of the campaign dials it.
    /// </summary>
    public Task<CallView> TransferToNumberAsync(Interaction interaction, string agentId, TransferMode mode, string number)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var route = trunks.Route(interaction.CampaignId, number);
        return calls.TransferAsync(CallIdOf(interaction), agentId, interaction.Id, mode, TransferTargetKind.External, route.Number);
    }

    public Task<CallView> CompleteTransferAsync(Interaction interaction, string agentId) =>
        calls.CompleteTransferAsync(CallIdOf(interaction), agentId, interaction.Id);

    public Task<CallView> CancelTransferAsync(Interaction interaction, string agentId) =>
        calls.CancelTransferAsync(CallIdOf(interaction), agentId, interaction.Id);

    /// <summary><paramref name="supervisor"/> listens in on the call: his phone rings and answers itself.</summary>
    public Task<CallView> MonitorAsync(Interaction interaction, Agent supervisor)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        return calls.MonitorAsync(CallIdOf(interaction), supervisor.Id, supervisor.Extensions);
    }

    /// <summary><paramref name="supervisor"/> stops listening; his phone is hung up.</summary>
    public Task<CallView> StopMonitoringAsync(Interaction interaction, Agent supervisor)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        return calls.StopMonitoringAsync(CallIdOf(interaction), supervisor.Id);
    }

    /// <summary><paramref name="supervisor"/>, listening, talks to the agent alone.</summary>
    public Task<CallView> WhisperAsync(Interaction interaction, Agent supervisor)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        return calls.WhisperAsync(CallIdOf(interaction), supervisor.Id);
    }

    /// <summary><paramref name="supervisor"/>, listening or whispering, joins the conversation as a conference participant.</summary>
    public Task<CallView> BargeInAsync(Interaction interaction, Agent supervisor)
    {
        ArgumentNullException.ThrowIfNull(supervisor);
        return calls.BargeInAsync(CallIdOf(interaction), supervisor.Id);
    }

    /// <summary><paramref name="caller"/> calls <paramref name="callee"/> from the team list: her phone rings first, then the callee's.</summary>
    public AgentCallView CallAgent(Agent caller, Agent callee)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(callee);
        return calls.CallAgent(caller.Id, caller.Extensions, callee.Id, callee.Extensions);
    }

    /// <summary>Ends a call between agents; either of them may.</summary>
    public Task<AgentCallView> HangUpAgentCallAsync(string callId, Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return calls.HangUpAgentCallAsync(callId, agent.Id);
    }

    /// <summary><paramref name="agent"/>'s live calls with teammates.</summary>
    public IReadOnlyList<AgentCallView> ListAgentCalls(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return calls.ListAgentCalls(agent.Id);
    }

    private static string CallIdOf(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.ClientInfo.TryGetValue(TelephonyChannel.CallIdKey, out var callId)
            ? callId
            : throw InboxException.NotFound($"Interaction {interaction.Id} has no live call.");
    }
}
