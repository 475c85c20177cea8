using Grpc.Core;
using Inbox.Interactions.Calls;
using Inbox.MediaServer.Grpc.Mapping;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>The conference RPCs' own checks and the participants' mapping; conferences themselves are driven end to end.</summary>
public sealed class ConferenceApiTests
{
    [Fact]
    public async Task AddParticipant_NoTarget_InvalidArgument()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var calls = new V1.CallsService.CallsServiceClient(server.Connection);

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await calls.AddParticipantAsync(new V1.AddParticipantRequest { RequestId = "r1", InteractionId = "any" }, ana.Auth));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("agent_id, campaign_id or number", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveParticipant_UnknownInteraction_NotFound()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var calls = new V1.CallsService.CallsServiceClient(server.Connection);

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await calls.RemoveParticipantAsync(new V1.RemoveParticipantRequest { RequestId = "r2", InteractionId = "nope", ParticipantId = "p1" }, ana.Auth));

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public void CallToProto_Participants_MappedInOrder()
    {
        var call = new CallView("i1", CallState.Connected, Muted: true, OnHold: false, HeldByPhone: false, Recording: false, [], DateTimeOffset.UnixEpoch, null)
        {
            Participants =
            [
                new CallParticipantView("c1", ParticipantKind.Customer, "+15550100", null, ParticipantState.Connected, Muted: false),
                new CallParticipantView("a1", ParticipantKind.Agent, "bruno", "bruno", ParticipantState.Connected, Muted: true),
                new CallParticipantView("x1", ParticipantKind.External, "+34600123456", null, ParticipantState.Ringing, Muted: false),
            ],
        };

        var proto = call.ToProto();

        Assert.Equal(
            [
                new V1.CallParticipant { Id = "c1", Kind = V1.ParticipantKind.Customer, Display = "+15550100", State = V1.ParticipantState.Connected },
                new V1.CallParticipant { Id = "a1", Kind = V1.ParticipantKind.Agent, Display = "bruno", AgentId = "bruno", State = V1.ParticipantState.Connected, Muted = true },
                new V1.CallParticipant { Id = "x1", Kind = V1.ParticipantKind.External, Display = "+34600123456", State = V1.ParticipantState.Ringing },
            ],
            proto.Participants);
    }
}
