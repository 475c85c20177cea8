using Inbox.Interactions.Calls;
using Inbox.Telephony.Calls;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Mapping;

/// <summary>Calls as the API shows them.</summary>
internal static class CallMapper
{
    public static V1.Call ToProto(this CallView call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var proto = new V1.Call
        {
            InteractionId = call.InteractionId,
            State = call.State switch
            {
                CallState.Ringing => V1.CallState.Ringing,
                CallState.Queued => V1.CallState.Queued,
                CallState.Connected => V1.CallState.Connected,
                CallState.OnHold => V1.CallState.OnHold,
                CallState.Parked => V1.CallState.Parked,
                CallState.Ended => V1.CallState.Ended,
                CallState.Transferring => V1.CallState.Transferring,
                CallState.Consulting => V1.CallState.Consulting,
                _ => V1.CallState.Unspecified,
            },
            Muted = call.Muted,
            OnHold = call.OnHold,
            HeldByPhone = call.HeldByPhone,
            Recording = call.Recording,
            RecordingPaused = call.RecordingPaused,
            StartedAt = call.StartedAt.ToProto(),
            ConnectedAt = call.ConnectedAt?.ToProto(),
            ParkSlot = call.ParkSlot ?? 0,
        };
        proto.Legs.Add(call.Legs.Select(ToProto));
        proto.Participants.Add(call.Participants.Select(ParticipantMapper.ToProto));
        return proto;
    }

    public static V1.AgentCall ToProto(this AgentCallView call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new V1.AgentCall
        {
            CallId = call.CallId,
            CallerAgentId = call.CallerAgentId,
            CalleeAgentId = call.CalleeAgentId,
            State = call.State switch
            {
                AgentCallState.CallingCaller => V1.AgentCallState.CallingCaller,
                AgentCallState.RingingCallee => V1.AgentCallState.RingingCallee,
                AgentCallState.Connected => V1.AgentCallState.Connected,
                AgentCallState.Ended => V1.AgentCallState.Ended,
                _ => V1.AgentCallState.Unspecified,
            },
            StartedAt = call.StartedAt.ToProto(),
            ConnectedAt = call.ConnectedAt?.ToProto(),
            CallerQuality = call.CallerQuality?.ToProto(),
            CalleeQuality = call.CalleeQuality?.ToProto(),
        };
    }

    public static V1.ParkedCall ToProto(this ParkedCall parked)
    {
        ArgumentNullException.ThrowIfNull(parked);
        return new V1.ParkedCall
        {
            Slot = parked.Slot,
            InteractionId = parked.InteractionId,
            CampaignId = parked.CampaignId,
            ParkedBy = parked.ParkedBy,
            CustomerAddress = parked.CustomerAddress,
            Since = parked.Since.ToProto(),
        };
    }

    public static V1.MonitorState ToProto(this MonitorState state) => state switch
    {
        MonitorState.Ringing => V1.MonitorState.Ringing,
        MonitorState.Listening => V1.MonitorState.Listening,
        MonitorState.Whispering => V1.MonitorState.Whispering,
        MonitorState.Joined => V1.MonitorState.Joined,
        MonitorState.Ended => V1.MonitorState.Ended,
        _ => V1.MonitorState.Unspecified,
    };

    public static V1.CallChange ToProto(this CallChange change) => change switch
    {
        CallChange.State => V1.CallChange.State,
        CallChange.Progress => V1.CallChange.Progress,
        CallChange.Quality => V1.CallChange.Quality,
        _ => V1.CallChange.Unspecified,
    };

    public static V1.CallQualitySummary ToProto(this CallQualitySummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var proto = new V1.CallQualitySummary();
        foreach (var leg in summary.Legs)
        {
            proto.Legs.Add(new V1.LegQualitySummary
            {
                Role = leg.Role.ToProto(),
                AverageMos = leg.AverageMos,
                MinimumMos = leg.MinimumMos,
                WorstColor = leg.WorstBand.ToProto(),
                Windows = leg.Windows,
                Party = leg.Party ?? string.Empty,
            });
        }

        return proto;
    }

    private static V1.CallLegRole ToProto(this CallLegRole role) => role switch
    {
        CallLegRole.Customer => V1.CallLegRole.Customer,
        CallLegRole.Agent => V1.CallLegRole.Agent,
        CallLegRole.TransferTarget => V1.CallLegRole.TransferTarget,
        CallLegRole.Participant => V1.CallLegRole.Participant,
        _ => V1.CallLegRole.Unspecified,
    };

    private static V1.QualityColor ToProto(this QualityBand band) => band switch
    {
        QualityBand.Green => V1.QualityColor.Green,
        QualityBand.Orange => V1.QualityColor.Orange,
        _ => V1.QualityColor.Red,
    };

    private static V1.CallLeg ToProto(CallLegView leg) => new()
    {
        Id = leg.Id,
        Role = leg.Role.ToProto(),
        Address = leg.Address,
        AgentId = leg.AgentId ?? string.Empty,
        Codec = leg.Codec ?? string.Empty,
        Quality = leg.Quality?.ToProto(),
    };

    /// <summary>A leg's latest score, as the legs, the participants and the agent calls show it.</summary>
    public static V1.LegQuality ToProto(this LegQuality quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        return new V1.LegQuality
        {
            Mos = quality.Mos,
            Color = quality.Band.ToProto(),
            LossPercent = quality.LossPercent,
            JitterMs = quality.JitterMs,
            RoundTripMs = quality.RoundTripMs,
        };
    }
}
