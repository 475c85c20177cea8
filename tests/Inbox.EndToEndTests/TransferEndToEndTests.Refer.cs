using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>A transfer the agent's phone starts itself, with its own transfer key: a REFER (RFC 3515) to a colleague's extension.</summary>
public sealed partial class TransferEndToEndTests
{
    [Fact]
    public async Task Refer_BrunosPhoneRefersTheCallerToAnasExtension_SheTalksToAnaAndTheInteractionIsHers()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var channel = await StartAsync();
        await using var brunoMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var anaMedia = new RtpPeer(marker: 0x2B, otherMarker: 0x3C);
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var brunoPhone = await PhoneAsync("agent_phone_refer.xml", "1002", brunoMedia, "-key", "target", "1001");
        var anaPhone = await PhoneAsync("agent_phone.xml", "1001", anaMedia);
        var (call, active, bruno, ana) = await AnswerCallerAtBrunosPhoneAsync(channel, callerMedia);

        // His phone refers the caller two seconds after it answered; the server takes it from there and lets him go.
        var brunoResult = await brunoPhone;
        await WaitForAsync(() => anaMedia.FromOther >= 20 && callerMedia.FromOtherMarker(anaMedia.Marker) >= 20, "RTP between the caller and ana");
        var withAna = await ControlApi.WaitForInteractionAsync(_server!, Interactions(channel), ana, i => i.Id == active.Id && i.AgentId == "ana");
        var brunoAfter = await new AgentsService.AgentsServiceClient(channel).GetMeAsync(new GetMeRequest(), bruno, cancellationToken: cancel);
        await new CallsService.CallsServiceClient(channel).HangUpAsync(new HangUpRequest { InteractionId = active.Id }, ana, cancellationToken: cancel);
        var (callerResult, anaResult) = (await call, await anaPhone);

        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
        Assert.Contains("REFER sip:", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Contains("SIP/2.0 202", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Contains("BYE sip:1002@", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Equal(InteractionState.Active, withAna.State);
        Assert.NotEqual(AgentActivity.Busy, brunoAfter.Agent.Activity);
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
    }
}
