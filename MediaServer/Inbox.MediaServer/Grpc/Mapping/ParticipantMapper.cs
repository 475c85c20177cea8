using Inbox.Interactions.Calls;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Mapping;

/// <summary>A conference call's participants as the API shows them.</summary>
internal static class ParticipantMapper
{
    public static V1.CallParticipant ToProto(this CallParticipantView participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return new V1.CallParticipant
        {
            Id = participant.Id,
            Kind = participant.Kind switch
            {
                ParticipantKind.Customer => V1.ParticipantKind.Customer,
                ParticipantKind.Agent => V1.ParticipantKind.Agent,
                ParticipantKind.External => V1.ParticipantKind.External,
                _ => V1.ParticipantKind.Unspecified,
            },
            Display = participant.Display,
            AgentId = participant.AgentId ?? string.Empty,
            State = participant.State == ParticipantState.Connected ? V1.ParticipantState.Connected : V1.ParticipantState.Ringing,
            Muted = participant.Muted,
            Quality = participant.Quality?.ToProto(),
        };
    }
}
