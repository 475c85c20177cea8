using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Inbox.Contracts.Grpc.V1;
using Inbox.Telephony.Tests.Features;

namespace Inbox.EndToEndTests;

/// <summary>
/// The call features through the Calls API, as a UI uses them: the customer's keys on the agent's event stream, the
/// agent's keypad reaching the customer as RFC 4733 events, quality pushed every interval and kept on the interaction,
/// and a campaign's recording with the agent's side silent while she is muted and both sides while it is paused.
/// </summary>
public sealed partial class AgentPhoneEndToEndTests
{
    [Fact]
    public async Task Keypad_BothWaysOverGrpc_AndQualityStreamedEachIntervalThenKeptOnTheInteraction()
    {
        var (channel, session, agentMedia, phone) = await StartWithBrunosPhoneAsync(settings => settings["Media"]!["Quality"]!["Interval"] = "00:00:01");
        using var _ = channel;
        await using var __ = agentMedia;
        var cancel = TestContext.Current.CancellationToken;
        var interactions = new InteractionsService.InteractionsServiceClient(channel);
        var calls = new CallsService.CallsServiceClient(channel);
        using var events = await ControlApi.WatchEventsAsync(channel, session);
        var log = CallFeatureLog.Collect(events.ResponseStream);
        var (callerMedia, caller, active) = await CallAvailableBrunoAsync(channel, session);
        await using var ___ = callerMedia;
        await WaitForAsync(() => Task.FromResult(agentMedia.FromOther >= 10 && callerMedia.FromOther >= 10), "RTP relayed both ways");

        callerMedia.Press('4');
        callerMedia.Press('#');
        await WaitForAsync(() => Task.FromResult(log.Digits == "4#"), "the customer's keys on the agent's stream");
        var sent = await calls.SendDtmfAsync(new SendDtmfRequest { InteractionId = active.Id, Digits = "19*" }, session, cancellationToken: cancel);
        await WaitForAsync(() => Task.FromResult(callerMedia.KeysReceived == "19*"), "the agent's keys at the customer's socket");
        var badDigits = await Assert.ThrowsAsync<RpcException>(async () =>
            await calls.SendDtmfAsync(new SendDtmfRequest { InteractionId = active.Id, Digits = "1x" }, session, cancellationToken: cancel));
        await WaitForAsync(() => Task.FromResult(log.Quality.Count >= 4), "four quality pushes");
        var current = await calls.GetCallAsync(new GetCallRequest { InteractionId = active.Id }, session, cancellationToken: cancel);
        await calls.HangUpAsync(new HangUpRequest { InteractionId = active.Id }, session, cancellationToken: cancel);
        var callerResult = await caller;
        var phoneResult = await phone;
        var finalized = await WaitForInteractionAsync(interactions, session, i => i.Id == active.Id && i.CallQuality is not null);
        var pushes = log.Quality.ToArray();
        var gaps = pushes.Zip(pushes.Skip(1), (a, b) => b.At - a.At).ToArray();
        output.WriteLine($"quality pushes at {string.Join(", ", pushes.Select(p => $"{p.At.TotalSeconds:0.00} s MOS {p.CustomerMos:0.00}"))}; summary {finalized.CallQuality}");

        Assert.Equal(CallState.Connected, sent.Call.State);
        Assert.Equal(StatusCode.InvalidArgument, badDigits.StatusCode);
        Assert.All(pushes, p => Assert.InRange(p.CustomerMos, 4.0, 4.5));
        Assert.True(gaps.Max() < TimeSpan.FromSeconds(2.5), $"the longest gap between quality pushes was {gaps.Max().TotalSeconds:0.00} s");
        Assert.All(current.Call.Legs, leg => Assert.InRange(leg.Quality.Mos, 4.0, 4.5));
        Assert.Equal([CallLegRole.Customer, CallLegRole.Agent], finalized.CallQuality.Legs.Select(l => l.Role));
        Assert.All(finalized.CallQuality.Legs, leg => Assert.True(leg.Windows >= 3 && leg.MinimumMos >= 4.0, leg.ToString()));
        Assert.True(callerResult.ExitCode == 0, Describe(callerResult));
        Assert.True(phoneResult.ExitCode == 0, Describe(phoneResult));
    }

    [Fact]
    public async Task Recording_CampaignRecords_WavOnTheInteractionHoldsTheAgentsToneAndSilenceWhileMutedOrPaused()
    {
        var (channel, session, agentMedia, phone) = await StartWithBrunosPhoneAsync(settings => settings["Campaigns"]![0]!["Recording"] = true);
        using var _ = channel;
        await using var __ = agentMedia;
        var cancel = TestContext.Current.CancellationToken;
        var interactions = new InteractionsService.InteractionsServiceClient(channel);
        var calls = new CallsService.CallsServiceClient(channel);
        agentMedia.ToneHertz = 1000;
        var (callerMedia, caller, active) = await CallAvailableBrunoAsync(channel, session);
        await using var ___ = callerMedia;
        await WaitForAsync(
            async () => (await calls.GetCallAsync(new GetCallRequest { InteractionId = active.Id }, session, cancellationToken: cancel)).Call.Recording,
            "the call shown as recorded");

        var stretch = TimeSpan.FromSeconds(1.5);
        await Task.Delay(stretch, cancel);
        await calls.SetMuteAsync(new SetMuteRequest { InteractionId = active.Id, Muted = true }, session, cancellationToken: cancel);
        await Task.Delay(stretch, cancel);
        await calls.SetMuteAsync(new SetMuteRequest { InteractionId = active.Id, Muted = false }, session, cancellationToken: cancel);
        await Task.Delay(stretch, cancel);
        var paused = await calls.SetRecordingPausedAsync(new SetRecordingPausedRequest { InteractionId = active.Id, Paused = true }, session, cancellationToken: cancel);
        await Task.Delay(stretch, cancel);
        await calls.SetRecordingPausedAsync(new SetRecordingPausedRequest { InteractionId = active.Id, Paused = false }, session, cancellationToken: cancel);
        await Task.Delay(stretch, cancel);
        await calls.HangUpAsync(new HangUpRequest { InteractionId = active.Id }, session, cancellationToken: cancel);
        var callerResult = await caller;
        var phoneResult = await phone;
        var finalized = await WaitForInteractionAsync(interactions, session, i => i.Id == active.Id && i.State == InteractionState.Finalized);
        var file = Path.Combine(_server!.DataDirectory, finalized.RecordingPath);
        await WaitForAsync(() => Task.FromResult(StereoWav.IsClosed(file)), "the recording closed");
        var (customer, agent, channels, rate) = StereoWav.Read(file);
        var frames = StereoWav.Classify(agent, rate, 1000);
        var (silentRun, toneBefore, toneAfter) = StereoWav.LongestSilence(frames);
        var customerFrames = StereoWav.Classify(customer, rate, 1000);
        var customerSilence = StereoWav.LongestSilence(customerFrames).Run;
        output.WriteLine($"{finalized.RecordingPath}: {agent.Length / (double)rate:0.00} s; agent side {StereoWav.Describe(frames)}; customer side {StereoWav.Describe(customerFrames)}");

        Assert.Matches(@"^recordings/\d{4}-\d{2}-\d{2}/" + active.Id + @"\.wav$", finalized.RecordingPath);
        Assert.Equal((2, 8000), (channels, rate));
        Assert.True(silentRun >= 60, $"the muted or paused stretch: {silentRun} silent frames");
        Assert.True(toneBefore >= 50 && toneAfter >= 50, $"1 kHz frames before the silent stretch {toneBefore}, after {toneAfter}");
        Assert.True(paused.Call.RecordingPaused, "the call does not show the recording paused");
        Assert.True(customerSilence >= 60, $"the paused stretch on the customer's side: {customerSilence} silent frames");
        Assert.True(customerFrames.Count(k => k != StereoWav.Kind.Silent) >= 200, "the customer's side is silent beyond the paused stretch");
        Assert.True(callerResult.ExitCode == 0, Describe(callerResult));
        Assert.True(phoneResult.ExitCode == 0, Describe(phoneResult));
    }

    // Bruno becomes available and a customer (SIPp, her audio the returned peer) calls: the call is offered to him,
    // his phone answers, and the interaction is active.
    private async Task<(RtpPeer CallerMedia, Task<Sipp.Result> Caller, Interaction Active)> CallAvailableBrunoAsync(GrpcChannel channel, Metadata session)
    {
        await new AgentsService.AgentsServiceClient(channel).SetPresenceAsync(
            new SetPresenceRequest { RequestId = NewId(), Presence = AgentPresence.Available }, session, cancellationToken: TestContext.Current.CancellationToken);
        var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var caller = Sipp.RunAsync("call_until_bye.xml", _server!.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port)]);
        var active = await WaitForInteractionAsync(new InteractionsService.InteractionsServiceClient(channel), session, i => i.State == InteractionState.Active);
        return (callerMedia, caller, active);
    }

    /// <summary>What the agent's event stream said of the call's features: keys pressed and quality pushes.</summary>
    private sealed class CallFeatureLog
    {
        private readonly ConcurrentQueue<char> _digits = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public ConcurrentQueue<(TimeSpan At, double CustomerMos)> Quality { get; } = new();

        public string Digits => string.Concat(_digits);

        public static CallFeatureLog Collect(IAsyncStreamReader<Event> stream)
        {
            var log = new CallFeatureLog();
            Read(stream, e =>
            {
                if (e.DtmfReceived is { } dtmf)
                {
                    log._digits.Enqueue(dtmf.Digit[0]);
                }
                else if (e.CallChanged is { Change: CallChange.Quality } quality)
                {
                    log.Quality.Enqueue((log._clock.Elapsed, quality.Call.Legs[0].Quality?.Mos ?? 0));
                }
            });
            return log;
        }
    }
}
