using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>Calls an agent's own phone places through the server: SIPp authenticates after a 407 and dials a teammate's extension.</summary>
public sealed partial class TransferEndToEndTests
{
    [Fact]
    public async Task PhoneDialsExtension_BrunosPhoneAuthenticatesAndCallsAna_TheyHearEachOtherUntilAnaHangsUpOverGrpc()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var channel = await StartAsync();
        await using var brunoMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var anaMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var anaPhone = await PhoneAsync("agent_phone.xml", "1001", anaMedia);
        var (bruno, ana) = (await SignInAsync(channel, "bruno"), await SignInAsync(channel, "ana"));
        using var anasEvents = await ControlApi.WatchEventsAsync(channel, ana);
        var anaSaw = AgentCallStatesAsync(anasEvents.ResponseStream);
        var calls = new AgentCallsService.AgentCallsServiceClient(channel);

        var brunoPhone = Sipp.RunAsync("phone_dial.xml", _server!.Port, _work, "1002", "demo-1002",
            extraArguments: ["-key", "dial", "1001", "-key", "agent_rtp", Port(brunoMedia.Port)]);
        await WaitForAsync(() => brunoMedia.FromOther >= 20 && anaMedia.FromOther >= 20, "RTP between bruno's and ana's phones");
        var listed = await calls.ListAgentCallsAsync(new ListAgentCallsRequest(), bruno, cancellationToken: cancel);
        var ended = await calls.HangUpAgentCallAsync(new HangUpAgentCallRequest { CallId = listed.Calls[0].CallId }, ana, cancellationToken: cancel);
        var (brunoResult, anaResult) = (await brunoPhone, await anaPhone);

        Assert.Equal(("bruno", "ana", AgentCallState.Connected), (Assert.Single(listed.Calls).CallerAgentId, listed.Calls[0].CalleeAgentId, listed.Calls[0].State));
        Assert.Equal(AgentCallState.Ended, ended.Call.State);
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
        Assert.Contains("SIP/2.0 407", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Contains("Proxy-Authorization: Digest", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Contains("<sip:1002@", anaResult.Messages, StringComparison.Ordinal);
        Assert.Equal([AgentCallState.RingingCallee, AgentCallState.Connected, AgentCallState.Ended], await anaSaw.WaitAsync(TimeSpan.FromSeconds(10), cancel));
    }
}
