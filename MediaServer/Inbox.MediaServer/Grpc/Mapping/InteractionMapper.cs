using Inbox.Interactions.Interactions;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Mapping;

/// <summary>An interaction as the API shows it; the form URL comes from its campaign, so the caller passes it in.</summary>
internal static class InteractionMapper
{
    public static V1.Interaction ToProto(this Interaction interaction, string? formUrl)
    {
        var proto = new V1.Interaction
        {
            Id = interaction.Id,
            Channel = interaction.Channel.ToProto(),
            CampaignId = interaction.CampaignId,
            Direction = interaction.Direction.ToProto(),
            CustomerAddress = interaction.CustomerAddress,
            CustomerName = interaction.CustomerName ?? string.Empty,
            Subject = interaction.Subject ?? string.Empty,
            State = interaction.State.ToProto(),
            AgentId = interaction.AgentId ?? string.Empty,
            OfferedTo = interaction.OfferedTo ?? string.Empty,
            OfferExpiresAt = interaction.OfferExpiresAt.ToProto(),
            Transfer = interaction.Transfer?.ToProto(),
            Disposition = interaction.Disposition ?? string.Empty,
            EndReason = interaction.EndReason ?? string.Empty,
            RecordingPath = interaction.RecordingPath ?? string.Empty,
            CreatedAt = interaction.CreatedAt.ToProto(),
            AcceptedAt = interaction.AcceptedAt.ToProto(),
            FinalizedAt = interaction.FinalizedAt.ToProto(),
            ClosedAt = interaction.ClosedAt.ToProto(),
            LastInboundAt = interaction.LastInboundAt.ToProto(),
            WrapUpUntil = interaction.WrapUpUntil.ToProto(),
            Version = interaction.Version,
            FormUrl = formUrl ?? string.Empty,
            CallQuality = interaction.CallQuality?.ToProto(),
            OverflowedFrom = interaction.OverflowedFrom ?? string.Empty,
            OverflowedAt = interaction.OverflowedAt.ToProto(),
        };
        proto.ClientInfo.Add(interaction.ClientInfo);
        return proto;
    }

    private static V1.PendingTransfer ToProto(this PendingTransfer transfer) => new()
    {
        FromAgentId = transfer.FromAgentId,
        TargetKind = transfer.TargetKind.ToProto(),
        TargetId = transfer.TargetId,
        ExpiresAt = transfer.ExpiresAt.ToProto(),
        OfferedTo = transfer.OfferedTo ?? string.Empty,
        Mode = transfer.Mode == TransferMode.Blind ? V1.TransferMode.Blind : V1.TransferMode.Attended,
        AnsweredAt = transfer.AnsweredAt?.ToProto(),
    };
}
