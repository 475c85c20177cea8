using System.Globalization;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// Transfers with the server as its own process, driven over gRPC as an agent's UI would: bruno's and ana's phones
/// (SIPp) register, a customer (SIPp) calls the support number and is bridged to bruno, and bruno transfers her to
/// ana. The RTP of each side is the test's own sockets, whose marked payloads show who hears whom.
/// </summary>
[Trait("Category", "E2E")]
[Collection(EndToEndGroup.Name)]
public sealed partial class TransferEndToEndTests : IAsyncLifetime
{
    // Short, so that a transfer nobody answers comes back within the callers' SIPp time limit.
    private static readonly TimeSpan s_transferTimeout = TimeSpan.FromSeconds(4);

    private readonly string _work = Directory.CreateTempSubdirectory("inbox-e2e-").FullName;

    // Each phone's SIP port: its registered Contact, where the server's INVITEs go.
    private readonly Dictionary<string, int> _phonePorts = [];
    private InboxServerProcess? _server;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task BlindTransfer_BrunoToAna_CallerTalksToAnaAndBrunosPhoneIsHungUp()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var channel = await StartAsync();
        await using var brunoMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var anaMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var brunoPhone = await PhoneAsync("agent_phone.xml", "1002", brunoMedia);
        var anaPhone = await PhoneAsync("agent_phone.xml", "1001", anaMedia);
        var (call, active, bruno, ana) = await ConnectCallerToBrunoAsync(channel, callerMedia);

        var transferring = await new CallsService.CallsServiceClient(channel).TransferAsync(
            new TransferCallRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id, Mode = TransferMode.Blind, AgentId = "ana" }, bruno, cancellationToken: cancel);
        var brunoResult = await brunoPhone;
        var heardBefore = callerMedia.FromOther;
        await WaitForAsync(() => anaMedia.FromOther >= 20 && callerMedia.FromOther >= heardBefore + 20, "RTP between the caller and ana");
        var withAna = await ControlApi.WaitForInteractionAsync(_server!, Interactions(channel), ana, i => i.Id == active.Id && i.AgentId == "ana");
        var brunoAfter = await new AgentsService.AgentsServiceClient(channel).GetMeAsync(new GetMeRequest(), bruno, cancellationToken: cancel);
        var hungUp = await new CallsService.CallsServiceClient(channel).HangUpAsync(new HangUpRequest { InteractionId = active.Id }, ana, cancellationToken: cancel);
        var (callerResult, anaResult) = (await call, await anaPhone);

        Assert.Equal(CallState.Transferring, transferring.Call.State);
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
        Assert.Contains("BYE sip:", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Equal(InteractionState.Active, withAna.State);
        Assert.NotEqual(AgentActivity.Busy, brunoAfter.Agent.Activity);
        Assert.Equal(CallState.Ended, hungUp.Call.State);
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
    }

    [Fact]
    public async Task BlindTransfer_AnasPhoneNeverAnswers_BrunosPhoneRingsAgainAndHeTalksToTheCaller()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var channel = await StartAsync();
        await using var brunoMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var brunoPhone = await PhoneAsync("agent_phone.xml", "1002", brunoMedia);
        var anaPhone = await PhoneAsync("phone_no_answer.xml", "1001", media: null);
        var (call, active, bruno, ana) = await ConnectCallerToBrunoAsync(channel, callerMedia);

        await new CallsService.CallsServiceClient(channel).TransferAsync(
            new TransferCallRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id, Mode = TransferMode.Blind, AgentId = "ana" }, bruno, cancellationToken: cancel);
        var firstCall = await brunoPhone;

        // His phone is free and waits again on the same port: the server rings it once the transfer times out.
        await using var ringBackMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        var ringBack = Sipp.RunAsync("agent_phone.xml", _server!.Port, _work, "1002", "demo-1002", localPort: _phonePorts["1002"], extraArguments: ["-key", "agent_rtp", Port(ringBackMedia.Port)]);
        var anaResult = await anaPhone;
        var heardBefore = callerMedia.FromOther;
        await WaitForAsync(() => ringBackMedia.FromOther >= 20 && callerMedia.FromOther >= heardBefore + 20, "RTP between the caller and bruno again", s_transferTimeout * 3);
        var back = await ControlApi.WaitForInteractionAsync(_server!, Interactions(channel), bruno, i => i.Id == active.Id && i.State == InteractionState.Active);
        await new CallsService.CallsServiceClient(channel).HangUpAsync(new HangUpRequest { InteractionId = active.Id }, bruno, cancellationToken: cancel);
        var (callerResult, ringBackResult) = (await call, await ringBack);

        Assert.True(firstCall.ExitCode == 0, ControlApi.Describe(_server!, firstCall));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
        Assert.Contains("CANCEL sip:1001@", anaResult.Messages, StringComparison.Ordinal);
        Assert.Equal("bruno", back.AgentId);
        Assert.True(ringBackResult.ExitCode == 0, ControlApi.Describe(_server!, ringBackResult));
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
    }

    [Fact]
    public async Task AttendedTransfer_ToTheSalesCampaign_AnaConsultsWithBrunoThenCompletingGivesHerTheCaller()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var channel = await StartAsync();
        const byte Caller = 0x3C, Bruno = 0x2A, Ana = 0x4D;
        await using var brunoMedia = new RtpPeer(marker: Bruno, otherMarker: Caller);
        await using var anaMedia = new RtpPeer(marker: Ana, otherMarker: Caller);
        await using var callerMedia = new RtpPeer(marker: Caller, otherMarker: Bruno);
        var brunoPhone = await PhoneAsync("agent_phone.xml", "1002", brunoMedia);
        var anaPhone = await PhoneAsync("agent_phone.xml", "1001", anaMedia);
        var (call, active, bruno, ana) = await ConnectCallerToBrunoAsync(channel, callerMedia);
        var calls = new CallsService.CallsServiceClient(channel);

        // Sales' routing offers it to ana (bruno, who transfers, is never offered his own call); her phone answers.
        var transferring = await calls.TransferAsync(
            new TransferCallRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id, Mode = TransferMode.Attended, CampaignId = "sales" }, bruno, cancellationToken: cancel);
        await WaitForAsync(() => brunoMedia.FromOtherMarker(Ana) >= 20 && anaMedia.FromOtherMarker(Bruno) >= 20, "RTP between bruno and ana (the consult)");
        var consulting = await calls.GetCallAsync(new GetCallRequest { InteractionId = active.Id }, bruno, cancellationToken: cancel);
        var callerHeardAnaDuringConsult = callerMedia.FromOtherMarker(Ana);
        var completed = await calls.CompleteTransferAsync(new CompleteTransferRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id }, bruno, cancellationToken: cancel);
        var brunoResult = await brunoPhone;
        await WaitForAsync(() => callerMedia.FromOtherMarker(Ana) >= 20 && anaMedia.FromOther >= 20, "RTP between the caller and ana");
        var withAna = await ControlApi.WaitForInteractionAsync(_server!, Interactions(channel), ana, i => i.Id == active.Id && i.AgentId == "ana");
        await calls.HangUpAsync(new HangUpRequest { InteractionId = active.Id }, ana, cancellationToken: cancel);
        var (callerResult, anaResult) = (await call, await anaPhone);

        Assert.Equal(CallState.Transferring, transferring.Call.State);
        Assert.Equal(CallState.Consulting, consulting.Call.State);
        Assert.Equal(0, callerHeardAnaDuringConsult);
        Assert.Equal(CallState.Connected, completed.Call.State);
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
        Assert.Equal(("sales", InteractionState.Active), (withAna.CampaignId, withAna.State));
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
    }

    [Fact]
    public async Task AttendedTransfer_ToAna_CancelledAfterTheConsultBrunoIsBackWithTheCallerAndAnasPhoneIsHungUp()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var channel = await StartAsync();
        const byte Caller = 0x3C, Bruno = 0x2A, Ana = 0x4D;
        await using var brunoMedia = new RtpPeer(marker: Bruno, otherMarker: Caller);
        await using var anaMedia = new RtpPeer(marker: Ana, otherMarker: Caller);
        await using var callerMedia = new RtpPeer(marker: Caller, otherMarker: Bruno);
        var brunoPhone = await PhoneAsync("agent_phone.xml", "1002", brunoMedia);
        var anaPhone = await PhoneAsync("agent_phone.xml", "1001", anaMedia);
        var (call, active, bruno, _) = await ConnectCallerToBrunoAsync(channel, callerMedia);
        var calls = new CallsService.CallsServiceClient(channel);

        await calls.TransferAsync(
            new TransferCallRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id, Mode = TransferMode.Attended, AgentId = "ana" }, bruno, cancellationToken: cancel);
        await WaitForAsync(() => brunoMedia.FromOtherMarker(Ana) >= 20 && anaMedia.FromOtherMarker(Bruno) >= 20, "RTP between bruno and ana (the consult)");
        var cancelled = await calls.CancelTransferAsync(new CancelCallTransferRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id }, bruno, cancellationToken: cancel);
        var anaResult = await anaPhone;
        var heardBefore = callerMedia.FromOther;
        await WaitForAsync(() => callerMedia.FromOther >= heardBefore + 20, "bruno heard by the caller again");
        var still = (await Interactions(channel).GetInteractionAsync(new GetInteractionRequest { InteractionId = active.Id }, bruno, cancellationToken: cancel)).Interaction;
        await calls.HangUpAsync(new HangUpRequest { InteractionId = active.Id }, bruno, cancellationToken: cancel);
        var (callerResult, brunoResult) = (await call, await brunoPhone);

        Assert.Equal(CallState.Connected, cancelled.Call.State);
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
        Assert.Contains("BYE sip:1001@", anaResult.Messages, StringComparison.Ordinal);
        Assert.Equal(0, callerMedia.FromOtherMarker(Ana));
        Assert.Equal(("bruno", InteractionState.Active), (still.AgentId, still.State));
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
    }

    [Fact]
    public async Task BlindTransfer_ToANumber_CallerTalksToItThroughTheTrunkAndTheInteractionIsFinalizedAsTransferredOut()
    {
        var cancel = TestContext.Current.CancellationToken;
        var trunkPort = InboxServerProcess.FindFreePort();
        using var channel = await StartAsync(settings => TrunkSettings.Add(settings, trunkPort));
        await using var brunoMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var numberMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var brunoPhone = await PhoneAsync("agent_phone.xml", "1002", brunoMedia);
        var number = Sipp.RunAsync("trunk_answer.xml", _server!.Port, _work, "trunk", "unused", localPort: trunkPort,
            extraArguments: ["-key", "customer_rtp", Port(numberMedia.Port)]);

        // The caller hangs up 12 s after she is answered (queued): time to reach bruno, then the number.
        var (call, active, bruno, _) = await ConnectCallerToBrunoAsync(channel, callerMedia, "call_then_bye.xml", "-d", "12000");
        var transferring = await new CallsService.CallsServiceClient(channel).TransferAsync(
            new TransferCallRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id, Mode = TransferMode.Blind, ExternalNumber = "600123456" },
            bruno, cancellationToken: cancel);
        var brunoResult = await brunoPhone;
        var heardBefore = callerMedia.FromOther;
        await WaitForAsync(() => numberMedia.FromOther >= 20 && callerMedia.FromOther >= heardBefore + 20, "RTP between the caller and the number");
        var finalized = await ControlApi.WaitForInteractionAsync(_server!, Interactions(channel), bruno, i => i.Id == active.Id && i.State == InteractionState.Finalized);
        var (callerResult, numberResult) = (await call, await number);

        Assert.Equal(CallState.Transferring, transferring.Call.State);
        Assert.Equal((CallLegRole.TransferTarget, "+34600123456"), (transferring.Call.Legs[^1].Role, transferring.Call.Legs[^1].Address));
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
        Assert.Contains("BYE sip:", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Equal(("bruno", "transferred to +34600123456"), (finalized.AgentId, finalized.EndReason));
        Assert.True(numberResult.ExitCode == 0, ControlApi.Describe(_server!, numberResult));
        Assert.Contains("INVITE sip:0034600123456@", numberResult.Messages, StringComparison.Ordinal);
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
    }

    [Fact]
    public async Task AttendedTransfer_ToANumber_BrunoConsultsItThenCompletingConnectsTheCallerThroughTheTrunk()
    {
        var cancel = TestContext.Current.CancellationToken;
        var trunkPort = InboxServerProcess.FindFreePort();
        using var channel = await StartAsync(settings => TrunkSettings.Add(settings, trunkPort));
        const byte Caller = 0x3C, Bruno = 0x2A, Number = 0x5E;
        await using var brunoMedia = new RtpPeer(marker: Bruno, otherMarker: Caller);
        await using var numberMedia = new RtpPeer(marker: Number, otherMarker: Caller);
        await using var callerMedia = new RtpPeer(marker: Caller, otherMarker: Bruno);
        var brunoPhone = await PhoneAsync("agent_phone.xml", "1002", brunoMedia);
        var number = Sipp.RunAsync("trunk_answer.xml", _server!.Port, _work, "trunk", "unused", localPort: trunkPort,
            extraArguments: ["-key", "customer_rtp", Port(numberMedia.Port)]);
        var (call, active, bruno, _) = await ConnectCallerToBrunoAsync(channel, callerMedia, "call_then_bye.xml", "-d", "14000");
        var calls = new CallsService.CallsServiceClient(channel);

        await calls.TransferAsync(
            new TransferCallRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id, Mode = TransferMode.Attended, ExternalNumber = "600123456" },
            bruno, cancellationToken: cancel);
        await WaitForAsync(() => brunoMedia.FromOtherMarker(Number) >= 20 && numberMedia.FromOtherMarker(Bruno) >= 20, "RTP between bruno and the number (the consult)");
        var callerHeardTheConsult = callerMedia.FromOtherMarker(Number);
        var completed = await calls.CompleteTransferAsync(new CompleteTransferRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id }, bruno, cancellationToken: cancel);
        var brunoResult = await brunoPhone;
        await WaitForAsync(() => callerMedia.FromOtherMarker(Number) >= 20 && numberMedia.FromOther >= 20, "RTP between the caller and the number");
        var finalized = await ControlApi.WaitForInteractionAsync(_server!, Interactions(channel), bruno, i => i.Id == active.Id && i.State == InteractionState.Finalized);
        var (callerResult, numberResult) = (await call, await number);

        Assert.Equal(0, callerHeardTheConsult);
        Assert.Equal(CallState.Connected, completed.Call.State);
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
        Assert.Equal(("bruno", "transferred to +34600123456"), (finalized.AgentId, finalized.EndReason));
        Assert.True(numberResult.ExitCode == 0, ControlApi.Describe(_server!, numberResult));
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
    }

    // The server (MD5 digests, which SIPp speaks; support's transfers time out quickly) and a channel to its API.
    private async Task<GrpcChannel> StartAsync(Action<JsonNode>? configure = null)
    {
        var apiPort = InboxServerProcess.FindFreePort();
        _server = await InboxServerProcess.StartAsync(_work, InboxServerProcess.FindFreePort(), settings =>
        {
            settings["Api"]!["Port"] = apiPort;
            settings["Sip"]!["Registrar"]!["Algorithms"] = new JsonArray("MD5");
            settings["Campaigns"]![0]!["TransferTimeout"] = s_transferTimeout.ToString("c", CultureInfo.InvariantCulture);
            configure?.Invoke(settings);
        });
        return GrpcChannel.ForAddress($"http://127.0.0.1:{apiPort}");
    }

    // The extension's phone registers, then waits for the server's INVITE with the given scenario.
    private async Task<Task<Sipp.Result>> PhoneAsync(string scenario, string extension, RtpPeer? media, params string[] arguments)
    {
        var port = _phonePorts[extension] = InboxServerProcess.FindFreePort();
        var registered = await Sipp.RunAsync("register.xml", _server!.Port, _work, extension, "demo-" + extension, localPort: port);
        Assert.True(registered.ExitCode == 0, ControlApi.Describe(_server, registered));
        await ControlApi.WaitForAsync(
            _server, async () => (await ControlApi.BindingsAsync(_server)).Any(aor => aor.Contains(extension, StringComparison.Ordinal)), extension + " registered");
        return Sipp.RunAsync(scenario, _server.Port, _work, extension, "demo-" + extension, localPort: port,
            extraArguments: media is null ? arguments : ["-key", "agent_rtp", Port(media.Port), .. arguments]);
    }

    // Bruno and ana sign in; bruno is available, the customer calls (until the server hangs up on her, or for as long as
    // the scenario's -d says) and is bridged to him; then ana is available too, to take a transfer.
    private async Task<(Task<Sipp.Result> Call, Interaction Active, Metadata Bruno, Metadata Ana)> ConnectCallerToBrunoAsync(
        GrpcChannel channel, RtpPeer callerMedia, string scenario = "call_until_bye.xml", params string[] arguments)
    {
        var connected = await AnswerCallerAtBrunosPhoneAsync(channel, callerMedia, scenario, arguments);
        await WaitForAsync(() => callerMedia.FromOther >= 20, "RTP from bruno to the caller");
        return connected;
    }

    /// <summary>
    /// The caller's call answered by bruno, without waiting to hear him: a phone that holds or transfers on its own
    /// schedule may already have done so when a loaded machine gets round to listening.
    /// </summary>
    private async Task<(Task<Sipp.Result> Call, Interaction Active, Metadata Bruno, Metadata Ana)> AnswerCallerAtBrunosPhoneAsync(
        GrpcChannel channel, RtpPeer callerMedia, string scenario = "call_until_bye.xml", params string[] arguments)
    {
        var (bruno, ana) = (await SignInAsync(channel, "bruno"), await SignInAsync(channel, "ana"));
        await SetAvailableAsync(channel, bruno);
        var call = Sipp.RunAsync(
            scenario, _server!.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port), "-timeout", "45s", .. arguments]);
        var active = await ControlApi.WaitForInteractionAsync(_server, Interactions(channel), bruno, i => i.State == InteractionState.Active);
        await SetAvailableAsync(channel, ana);
        return (call, active, bruno, ana);
    }

    private static async Task SetAvailableAsync(GrpcChannel channel, Metadata session) =>
        await new AgentsService.AgentsServiceClient(channel).SetPresenceAsync(
            new SetPresenceRequest { RequestId = ControlApi.NewId(), Presence = AgentPresence.Available }, session, cancellationToken: TestContext.Current.CancellationToken);

    private static Task<Metadata> SignInAsync(GrpcChannel channel, string agentId) => ControlApi.SignInAsync(channel, agentId, "demo-" + agentId);

    private static InteractionsService.InteractionsServiceClient Interactions(GrpcChannel channel) => new(channel);

    private Task WaitForAsync(Func<bool> condition, string what, TimeSpan? within = null) =>
        ControlApi.WaitForAsync(_server!, () => Task.FromResult(condition()), what, within);

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
