using System.Globalization;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// A real softphone on the agent's desk: baresip registers bruno's extension, answers the call the server offers him
/// by itself, and then does what its user would with its own keys: hold, resume, and transfer to ana's extension
/// (a REFER). Each party sends its own tone (the caller 500 Hz, baresip 1100 Hz, ana's phone 1700 Hz), and what each
/// hears shows where the audio went.
/// </summary>
[Trait("Category", "E2E")]
[Collection(EndToEndGroup.Name)]
public sealed class BaresipEndToEndTests : IAsyncLifetime
{
    private const int CallerTone = 500;
    private const int BaresipTone = 1100;
    private const int AnaTone = 1700;

    private readonly string _work = Directory.CreateTempSubdirectory("inbox-e2e-").FullName;
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
    public async Task Baresip_AnswersBrunosCall_HoldsAndResumesFromItsKeysThenTransfersTheCallerToAna()
    {
        var cancel = TestContext.Current.CancellationToken;
        var apiPort = InboxServerProcess.FindFreePort();

        // baresip 1.0 gives up on the first challenge whose algorithm it lacks (SHA-256) instead of taking the next.
        _server = await InboxServerProcess.StartAsync(_work, InboxServerProcess.FindFreePort(), settings =>
        {
            settings["Api"]!["Port"] = apiPort;
            settings["Sip"]!["Registrar"]!["Algorithms"] = new JsonArray("MD5");
        });
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{apiPort}");
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A) { ToneHertz = CallerTone };
        await using var anaMedia = new RtpPeer(marker: 0x2B, otherMarker: 0x3C) { ToneHertz = AnaTone };
        var anaPhone = await RegisterSippPhoneAsync("1001", anaMedia);
        await using var bruno = await BaresipPhone.StartAsync(_work, _server.Port, "1002", "demo-1002", BaresipTone);
        await WaitForAsync(async () => (await ControlApi.BindingsAsync(_server)).Any(aor => aor.Contains("1002", StringComparison.Ordinal)), "baresip registered");
        var (brunoSession, anaSession) = (await ControlApi.SignInAsync(channel, "bruno", "demo-bruno"), await ControlApi.SignInAsync(channel, "ana", "demo-ana"));
        await SetAvailableAsync(channel, brunoSession);
        var interactions = new InteractionsService.InteractionsServiceClient(channel);
        var calls = new CallsService.CallsServiceClient(channel);

        var caller = Sipp.RunAsync("call_until_bye.xml", _server.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port), "-timeout", "60s"]);
        var active = await ControlApi.WaitForInteractionAsync(_server, interactions, brunoSession, i => i.State == InteractionState.Active);
        await WaitForAsync(() => Task.FromResult(bruno.Saw("CALL_ESTABLISHED")), "baresip answered", describe: bruno);
        await WaitForCallAsync(calls, active.Id, brunoSession, CallState.Connected);
        var talking = (await ToneCapture.CaptureAsync(callerMedia))[0];

        await bruno.CommandAsync("hold");
        await WaitForCallAsync(calls, active.Id, brunoSession, CallState.OnHold);
        var held = (await ToneCapture.CaptureAsync(callerMedia))[0];
        await bruno.CommandAsync("resume");
        await WaitForCallAsync(calls, active.Id, brunoSession, CallState.Connected);
        var resumed = (await ToneCapture.CaptureAsync(callerMedia))[0];

        await SetAvailableAsync(channel, anaSession);
        await bruno.CommandAsync("transfer", $"sip:1001@127.0.0.1:{_server.Port}");
        var withAna = await ControlApi.WaitForInteractionAsync(_server, interactions, anaSession, i => i.Id == active.Id && i.AgentId == "ana");
        await WaitForAsync(() => Task.FromResult(anaMedia.Packets >= 20 && bruno.Saw("CALL_CLOSED")), "ana's phone bridged and baresip let go", describe: bruno);
        var afterTransfer = await ToneCapture.CaptureAsync(callerMedia, anaMedia);
        await calls.HangUpAsync(new HangUpRequest { InteractionId = active.Id }, anaSession, cancellationToken: cancel);
        var (callerResult, anaResult) = (await caller, await anaPhone);
        var baresipHeard = bruno.Heard();

        talking.AssertHears(CallerTone, BaresipTone);
        Assert.True(talking.Power(BaresipTone) > 20 * held.Power(BaresipTone), $"the caller still heard baresip on hold: {held.Power(BaresipTone):E2}");
        resumed.AssertHears(CallerTone, BaresipTone);
        Assert.Equal(InteractionState.Active, withAna.State);
        afterTransfer[0].AssertHears(CallerTone, AnaTone);
        afterTransfer[1].AssertHears(AnaTone, CallerTone);
        baresipHeard.AssertHears(BaresipTone, CallerTone);
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server, callerResult));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server, anaResult));
    }

    private async Task<Task<Sipp.Result>> RegisterSippPhoneAsync(string extension, RtpPeer media)
    {
        var port = InboxServerProcess.FindFreePort();
        var registered = await Sipp.RunAsync("register.xml", _server!.Port, _work, extension, "demo-" + extension, localPort: port);
        Assert.True(registered.ExitCode == 0, ControlApi.Describe(_server, registered));
        return Sipp.RunAsync("agent_phone.xml", _server.Port, _work, extension, "demo-" + extension, localPort: port,
            extraArguments: ["-key", "agent_rtp", Port(media.Port), "-timeout", "60s"]);
    }

    private async Task WaitForCallAsync(CallsService.CallsServiceClient calls, string interactionId, Metadata session, CallState state) =>
        await WaitForAsync(async () => (await calls.GetCallAsync(new GetCallRequest { InteractionId = interactionId }, session)).Call.State == state, $"the call {state}");

    private static async Task SetAvailableAsync(GrpcChannel channel, Metadata session) =>
        await new AgentsService.AgentsServiceClient(channel).SetPresenceAsync(
            new SetPresenceRequest { RequestId = ControlApi.NewId(), Presence = AgentPresence.Available }, session, cancellationToken: TestContext.Current.CancellationToken);

    private async Task WaitForAsync(Func<Task<bool>> condition, string what, BaresipPhone? describe = null)
    {
        try
        {
            await ControlApi.WaitForAsync(_server!, condition, what);
        }
        catch (Exception e) when (describe is not null)
        {
            throw new InvalidOperationException($"{e.Message}{Environment.NewLine}baresip events: {string.Join(", ", describe.Events)}{Environment.NewLine}{describe.Log}", e);
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
