using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>What an agent has in hand right now, derived from the open interactions.</summary>
internal sealed class AgentWorkload
{
    private readonly Dictionary<ChannelKind, int> _perChannel = [];

    public int InHand { get; private set; }

    public bool HasOffer { get; private set; }

    public DateTimeOffset? WrapUpUntil { get; private set; }

    public int Count(ChannelKind channel) => _perChannel.GetValueOrDefault(channel);

    public AgentActivity ActivityOf(AgentStatus status, DateTimeOffset now)
    {
        if (!status.SignedIn)
        {
            return AgentActivity.Offline;
        }

        if (status.NotResponding)
        {
            return AgentActivity.NotResponding;
        }

        if (HasOffer)
        {
            return AgentActivity.Offered;
        }

        if (InHand > 0)
        {
            return AgentActivity.Busy;
        }

        if (WrapUpUntil > now)
        {
            return AgentActivity.WrapUp;
        }

        return status.Presence == AgentPresence.Available ? AgentActivity.Idle : AgentActivity.NotReady;
    }

    /// <summary>Counts an offer just made to the agent, so routing need not recount every open interaction.</summary>
    public static void RecordOffer(Dictionary<string, AgentWorkload> workloads, string agentId, ChannelKind channel) =>
        For(workloads, agentId).AddOffer(channel);

    /// <summary>The workload of every agent with something in hand, from one pass over the open interactions.</summary>
    public static Dictionary<string, AgentWorkload> Of(IEnumerable<Interaction> open, DateTimeOffset now)
    {
        var workloads = new Dictionary<string, AgentWorkload>(StringComparer.Ordinal);
        foreach (var interaction in open)
        {
            if (interaction.State == InteractionState.Offered && interaction.OfferedTo is { } offeredTo)
            {
                For(workloads, offeredTo).AddOffer(interaction.Channel);
            }
            else if (interaction.State is InteractionState.Active or InteractionState.TransferPending && interaction.AgentId is { } agentId)
            {
                // A blind transfer frees her at once; should nobody accept, it comes back to her (like a park ring-back).
                if (interaction.Transfer is not { Mode: TransferMode.Blind })
                {
                    For(workloads, agentId).Add(interaction.Channel);
                }

                if (interaction.Transfer?.OfferedTo is { } target)
                {
                    For(workloads, target).AddOffer(interaction.Channel);
                }
            }
            else if (interaction.State == InteractionState.Finalized && interaction.AgentId is { } wrapping && interaction.WrapUpUntil > now)
            {
                var workload = For(workloads, wrapping);
                if (workload.WrapUpUntil is null || workload.WrapUpUntil < interaction.WrapUpUntil)
                {
                    workload.WrapUpUntil = interaction.WrapUpUntil;
                }
            }
        }

        return workloads;
    }

    private static AgentWorkload For(Dictionary<string, AgentWorkload> workloads, string agentId)
    {
        if (!workloads.TryGetValue(agentId, out var workload))
        {
            workloads[agentId] = workload = new AgentWorkload();
        }

        return workload;
    }

    private void Add(ChannelKind channel)
    {
        InHand++;
        _perChannel[channel] = Count(channel) + 1;
    }

    private void AddOffer(ChannelKind channel)
    {
        HasOffer = true;
        _perChannel[channel] = Count(channel) + 1;
    }
}
