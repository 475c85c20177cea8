using System.Collections.Immutable;
using Grpc.Core;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Interactions;
using Inbox.MediaServer.Grpc.Mapping;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>The Calls API's own checks and mappings; calls themselves are driven end to end (Inbox.EndToEndTests).</summary>
public sealed class CallsApiTests
{
    [Theory]
    [InlineData("12x", "'x' at position 3")]
    [InlineData("", "digits is required")]
    [InlineData("123456789012345678901234567890123", "At most 32 digits")]
    public async Task SendDtmf_NotKeypadDigits_InvalidArgumentSayingWhy(string digits, string message)
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var calls = new V1.CallsService.CallsServiceClient(server.Connection);

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await calls.SendDtmfAsync(new V1.SendDtmfRequest { InteractionId = "any", Digits = digits }, ana.Auth));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(message, refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void InteractionToProto_CallQualitySummary_EveryLegMapped()
    {
        var interaction = new Interaction
        {
            Id = "i1",
            Channel = ChannelKind.Telephony,
            CampaignId = "support",
            Direction = InteractionDirection.Inbound,
            CustomerAddress = "+15550100",
            State = InteractionState.Finalized,
            CreatedAt = DateTimeOffset.UnixEpoch,
            RecordingPath = "recordings/1970-01-01/i1.wav",
            CallQuality = new CallQualitySummary(ImmutableArray.Create(
                new LegQualitySummary(CallLegRole.Customer, 4.2, 3.7, QualityBand.Orange, 6),
                new LegQualitySummary(CallLegRole.Agent, 4.41, 4.4, QualityBand.Green, 6),
                new LegQualitySummary(CallLegRole.Participant, 3.9, 3.1, QualityBand.Red, 2) { Party = "+34600123456" })),
        };

        var proto = interaction.ToProto(formUrl: null);

        Assert.Equal("recordings/1970-01-01/i1.wav", proto.RecordingPath);
        Assert.Equal(
            [
                new V1.LegQualitySummary { Role = V1.CallLegRole.Customer, AverageMos = 4.2, MinimumMos = 3.7, WorstColor = V1.QualityColor.Orange, Windows = 6 },
                new V1.LegQualitySummary { Role = V1.CallLegRole.Agent, AverageMos = 4.41, MinimumMos = 4.4, WorstColor = V1.QualityColor.Green, Windows = 6 },
                new V1.LegQualitySummary { Role = V1.CallLegRole.Participant, AverageMos = 3.9, MinimumMos = 3.1, WorstColor = V1.QualityColor.Red, Windows = 2, Party = "+34600123456" },
            ],
            proto.CallQuality.Legs);
    }

    [Fact]
    public void CallToProto_LegQualityAndRecording_Mapped()
    {
        var call = new CallView(
            "i1", CallState.Connected, Muted: false, OnHold: false, HeldByPhone: false, Recording: true,
            [new CallLegView("c1", CallLegRole.Customer, "+15550100", null, "PCMU", new LegQuality(4.35, QualityBand.Green, 0.5, 3.2, 41))],
            DateTimeOffset.UnixEpoch, null)
        {
            Participants = [new CallParticipantView("p1", ParticipantKind.External, "+34600123456", null, ParticipantState.Connected, Muted: false) { Quality = new LegQuality(3.2, QualityBand.Orange, 4, 12.5, 80) }],
            RecordingPaused = true,
        };

        var proto = call.ToProto();

        Assert.Equal((true, true), (proto.Recording, proto.RecordingPaused));
        Assert.Equal(
            new V1.LegQuality { Mos = 4.35, Color = V1.QualityColor.Green, LossPercent = 0.5, JitterMs = 3.2, RoundTripMs = 41 },
            Assert.Single(proto.Legs).Quality);
        Assert.Equal(
            new V1.LegQuality { Mos = 3.2, Color = V1.QualityColor.Orange, LossPercent = 4, JitterMs = 12.5, RoundTripMs = 80 },
            Assert.Single(proto.Participants).Quality);
    }

    [Fact]
    public void AgentCallToProto_BothPhonesQuality_Mapped()
    {
        var call = new AgentCallView("c1", "bruno", "ana", AgentCallState.Connected, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)
        {
            CallerQuality = new LegQuality(4.4, QualityBand.Green, 0, 1.5, 0),
        };

        var proto = call.ToProto();

        Assert.Equal(new V1.LegQuality { Mos = 4.4, Color = V1.QualityColor.Green, JitterMs = 1.5 }, proto.CallerQuality);
        Assert.Null(proto.CalleeQuality);
    }
}
