using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>The two legs negotiate apart: a PCMU caller bridged to a phone that speaks only PCMA is transcoded both ways.</summary>
public sealed partial class AgentPhoneEndToEndTests
{
    private const int CallerTone = 500;
    private const int AgentTone = 1300;

    [Fact]
    public async Task CodecMismatch_PcmuCallerToPcmaPhone_TranscodedSoEachHearsTheOthersTone()
    {
        var cancel = TestContext.Current.CancellationToken;
        var channel = await StartServerAsync();
        using var _ = channel;
        await using var agentMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C, G711.Pcma) { ToneHertz = AgentTone };
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A) { ToneHertz = CallerTone };
        var phone = await RegisterPhoneAsync("1002", "demo-1002", agentMedia, "agent_phone_pcma.xml");
        var session = await SignInAsync(channel, "bruno", "demo-bruno");
        await new AgentsService.AgentsServiceClient(channel).SetPresenceAsync(
            new SetPresenceRequest { RequestId = NewId(), Presence = AgentPresence.Available }, session, cancellationToken: cancel);

        var call = Sipp.RunAsync("call_hold.xml", _server!.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port), "-d", "8000"]);
        var active = await WaitForInteractionAsync(new InteractionsService.InteractionsServiceClient(channel), session, i => i.State == InteractionState.Active);
        await WaitForAsync(() => Task.FromResult(agentMedia.Packets >= 20 && agentMedia.Server is not null), "RTP to the agent's phone");
        var connected = await new CallsService.CallsServiceClient(channel).GetCallAsync(new GetCallRequest { InteractionId = active.Id }, session, cancellationToken: cancel);
        var heard = await ToneCapture.CaptureAsync(callerMedia, agentMedia);
        var (callResult, phoneResult) = (await call, await phone);

        Assert.Equal(["PCMU", "PCMA"], connected.Call.Legs.Select(leg => leg.Codec));
        heard[0].AssertHears(CallerTone, AgentTone);
        heard[1].AssertHears(AgentTone, CallerTone);
        Assert.True(callResult.ExitCode == 0, Describe(callResult));
        Assert.True(phoneResult.ExitCode == 0, Describe(phoneResult));
    }
}
