using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Inbox.Interactions.Events;
using Inbox.Media.Codecs;
using Inbox.Telephony.Tests.Legs;

namespace Inbox.Telephony.Tests.Features;

/// <summary>
/// A campaign that records: a stereo WAV per bridged call, its path filed first, the muted agent's side silent, both
/// sides silent while the agent pauses the recording.
/// </summary>
public sealed class RecordingTests : CallTestBase
{
    private static readonly TimeSpan s_stretch = TimeSpan.FromSeconds(1);

    private protected override Task<TelephonyHarness> StartHarnessAsync() =>
        TelephonyHarness.StartAsync(46000 + (2 * Random.Shared.Next(0, 2000)), recording: true);

    [Fact]
    public async Task BridgedCall_CampaignRecords_AgentToneOnTheRightAndSilenceWhileMuted()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);
        await Until(() => !Harness.Inbox.Recordings.IsEmpty);
        await Until(() => Harness.Inbox.Published.Any(e => e.Event is CallChanged { Call.Recording: true }));

        await TalkAsync(caller, phone, call);
        await Harness.Handler.SetMuteAsync(call.CallId, muted: true);
        await TalkAsync(caller, phone, call);
        await Harness.Handler.SetMuteAsync(call.CallId, muted: false);
        await TalkAsync(caller, phone, call);
        await Harness.Handler.HangUpAsync(call.CallId, Agent, call.InteractionId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await caller.ReceiveRequestAndOkAsync();
        var (id, path) = Assert.Single(Harness.Inbox.Recordings);
        var file = Harness.Folder.FullPath(path);
        await Until(() => StereoWav.IsClosed(file));
        var (customer, agent, channels, rate) = StereoWav.Read(file);

        Assert.Equal(call.InteractionId, id);
        Assert.Matches(@"^recordings/\d{4}-\d{2}-\d{2}/" + call.InteractionId + @"\.wav$", path);
        Assert.Equal((2, 8000), (channels, rate));
        var frames = StereoWav.Classify(agent, rate, 1000);
        var (silentRun, toneBefore, toneAfter) = StereoWav.LongestSilence(frames);
        Assert.True(silentRun >= 40, $"longest silent run on the agent's side: {silentRun} frames; {StereoWav.Describe(frames)}");
        Assert.True(toneBefore >= 25 && toneAfter >= 25, $"1 kHz frames before {toneBefore}, after {toneAfter}; {StereoWav.Describe(frames)}");
        Assert.True(customer.AsSpan().ContainsAnyExcept((short)0), "the customer's side is empty");
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task RecordingPaused_BothSidesSilentUntilResumed_AndTheCallShowsIt()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);
        await Until(() => Harness.Inbox.Published.Any(e => e.Event is CallChanged { Call.Recording: true }));

        await TalkAsync(caller, phone, call);
        var paused = await Harness.Handler.SetRecordingPausedAsync(call.CallId, paused: true, Agent);
        var again = await Harness.Handler.SetRecordingPausedAsync(call.CallId, paused: true, Agent);
        await TalkAsync(caller, phone, call);
        var resumed = await Harness.Handler.SetRecordingPausedAsync(call.CallId, paused: false, Agent);
        await TalkAsync(caller, phone, call);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        var file = Harness.Folder.FullPath(Assert.Single(Harness.Inbox.Recordings).Path);
        await Until(() => StereoWav.IsClosed(file));
        var (customer, agent, _, rate) = StereoWav.Read(file);
        var agentFrames = StereoWav.Classify(agent, rate, 1000);
        var (agentSilence, toneBefore, toneAfter) = StereoWav.LongestSilence(agentFrames);
        var customerFrames = StereoWav.Classify(customer, rate, 1000);

        Assert.Equal((true, true, false), (paused.RecordingPaused, again.RecordingPaused, resumed.RecordingPaused));
        Assert.True(agentSilence >= 40 && toneBefore >= 25 && toneAfter >= 25, $"silent {agentSilence}, tone before {toneBefore}, after {toneAfter}: {StereoWav.Describe(agentFrames)}");
        Assert.True(StereoWav.LongestSilence(customerFrames).Run >= 40, $"the customer's side: {StereoWav.Describe(customerFrames)}");
        Assert.Equal(
            ["the recording is paused", "the recording is resumed"],
            Harness.Inbox.Published.Select(e => e.Event).OfType<CallChanged>().Select(c => c.Detail).Where(d => d?.StartsWith("the recording is", StringComparison.Ordinal) == true));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ParkedThenRetrieved_OneRecordingGoesOn_SilentWhileParked_TheNewAgentOnTheRight()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var anasPhone = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);
        await Until(() => !Harness.Inbox.Recordings.IsEmpty);

        await TalkAsync(caller, phone, call);
        await Harness.Handler.ParkAsync(call.CallId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await SendAndCollectAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, fill: 0x55, s_stretch);
        var watchedWhileParked = Harness.Quality.Watched;
        await Harness.Handler.RetrieveAsync(call.CallId, "ana", ["1001"]);
        var invite = await anasPhone.ReceiveRequestAsync("INVITE");
        await anasPhone.RespondAsync(invite, 200, "OK", anasPhone.PcmuAnswer);
        await anasPhone.ReceiveRequestAsync("ACK");
        var retrieved = call with { AgentLegPort = MediaPort(invite.Body.Span) };
        await TalkAsync(caller, anasPhone, retrieved);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await anasPhone.RespondAsync(await anasPhone.ReceiveRequestAsync("BYE"), 200, "OK");
        var file = Harness.Folder.FullPath(Assert.Single(Harness.Inbox.Recordings).Path);
        await Until(() => StereoWav.IsClosed(file));
        var frames = StereoWav.Classify(StereoWav.Read(file).Right, 8000, 1000);
        var (silentRun, toneBefore, toneAfter) = StereoWav.LongestSilence(frames);

        Assert.Equal(1, watchedWhileParked);
        Assert.True(silentRun >= 40 && toneBefore >= 25 && toneAfter >= 25, $"silent {silentRun}, tone before {toneBefore}, after {toneAfter}: {StereoWav.Describe(frames)}");
        await AssertNothingLeftAsync();
    }

    // Both talk for a stretch: the caller's marked PCMU, the phone a 1 kHz tone.
    private static Task TalkAsync(TestCaller caller, TestPhone phone, BridgedCall call) => Task.WhenAll(
        SendAndCollectAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, fill: 0x55, s_stretch),
        SendToneAsync(phone.Rtp, call.AgentLegPort, 1000, s_stretch));

    private static async Task SendToneAsync(Socket from, int serverPort, double hertz, TimeSpan duration)
    {
        using var codec = G711Codec.CreateMuLaw();
        var pcm = new short[160];
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x44444444);
        var server = new IPEndPoint(IPAddress.Loopback, serverPort);
        var frames = (int)(duration.TotalMilliseconds / 20);
        var start = (ushort)Random.Shared.Next(ushort.MaxValue);
        for (var frame = 0; frame < frames; frame++)
        {
            for (var i = 0; i < pcm.Length; i++)
            {
                pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * hertz * ((frame * 160) + i) / 8000));
            }

            codec.Encode(pcm, packet.AsSpan(12));
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)(start + frame));
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)(frame * 160));
            await from.SendToAsync(packet, SocketFlags.None, server);
            await Task.Delay(20);
        }
    }
}
