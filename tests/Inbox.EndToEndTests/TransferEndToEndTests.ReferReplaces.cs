using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// An attended transfer the agent's phone completes itself: it holds the caller, dials a teammate's extension through
/// the server, then REFERs the caller with Replaces naming that consult (RFC 3891).
/// </summary>
public sealed partial class TransferEndToEndTests
{
    [Fact]
    public async Task ReferWithReplaces_BrunosPhoneConsultsAnaThenTransfers_TheCallerAndAnaTalkAndTheInteractionIsHers()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var channel = await StartAsync();
        await using var brunoMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var anaMedia = new RtpPeer(marker: 0x2B, otherMarker: 0x3C);
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var brunoPhone = await PhoneAsync("agent_phone_refer_replaces.xml", "1002", brunoMedia, "-key", "dial", "1001");
        var anaPhone = await PhoneAsync("agent_phone.xml", "1001", anaMedia);
        var (call, active, bruno, ana) = await AnswerCallerAtBrunosPhoneAsync(channel, callerMedia);
        using var anasEvents = await ControlApi.WatchEventsAsync(channel, ana);
        var anaSaw = AgentCallStatesAsync(anasEvents.ResponseStream);

        // His phone holds the caller, calls ana, and transfers with Replaces once she answered; ana is not rung again.
        var brunoResult = await brunoPhone;
        await WaitForAsync(() => anaMedia.FromOtherMarker(callerMedia.Marker) >= 20 && callerMedia.FromOtherMarker(anaMedia.Marker) >= 20, "RTP between the caller and ana");
        var withAna = await ControlApi.WaitForInteractionAsync(_server!, Interactions(channel), ana, i => i.Id == active.Id && i.AgentId == "ana");
        var brunoAfter = await new AgentsService.AgentsServiceClient(channel).GetMeAsync(new GetMeRequest(), bruno, cancellationToken: cancel);
        await new CallsService.CallsServiceClient(channel).HangUpAsync(new HangUpRequest { InteractionId = active.Id }, ana, cancellationToken: cancel);
        var (callerResult, anaResult) = (await call, await anaPhone);

        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
        Assert.Contains("Refer-To: <sip:1001@", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Contains("SIP/2.0 202", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Equal(InteractionState.Active, withAna.State);
        Assert.NotEqual(AgentActivity.Busy, brunoAfter.Agent.Activity);
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
        Assert.Equal([AgentCallState.RingingCallee, AgentCallState.Connected, AgentCallState.Ended], await anaSaw.WaitAsync(TimeSpan.FromSeconds(10), cancel));
    }
}
