using Inbox.Interactions.Calls;
using Inbox.Sip.Messages;
using Inbox.Telephony.Trunks;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Calls whose legs are left to time out on a fake clock: an outbound call through a scripted trunk and an agent call,
/// each connected with both ends' RTP latched; and the silence of one leg while the others keep talking.
/// </summary>
public abstract class TimedLegTestBase : CallTestBase
{
    protected const string OutboundInteraction = "out1";

    private protected FakeTimeProvider Time { get; } = new();

    /// <summary>Bruno calls +34600123456 through <paramref name="trunk"/>; both answer (the trunk's 200 with <paramref name="trunkHeaders"/>).</summary>
    private protected async Task<OutboundLegs> ConnectOutboundAsync(TestPhone phone, TestPhone trunk, string trunkHeaders = "", string interactionId = OutboundInteraction)
    {
        var callId = Guid.NewGuid().ToString("N");
        Harness.Handler.Dial(callId, interactionId, Agent, [phone.Extension], "support", RouteTo(trunk));
        var agentInvite = await AnswerPhoneAsync(phone);
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(trunkInvite, 200, "OK", trunk.PcmuAnswer, trunkHeaders);
        await trunk.ReceiveRequestAsync("ACK");
        await Until(() => Harness.Calls.TryGet(callId, out var call) && call.Bridge is not null);
        return new OutboundLegs(callId, agentInvite, trunkInvite);
    }

    /// <summary>Bruno calls ana from the team list; both phones answer and are bridged.</summary>
    private protected async Task<(AgentCallView Placed, SipRequest CallerInvite, SipRequest CalleeInvite)> ConnectAgentCallAsync(TestPhone caller, TestPhone callee)
    {
        var placed = Harness.Handler.CallAgent(Agent, [caller.Extension], "ana", [callee.Extension]);
        var callerInvite = await AnswerPhoneAsync(caller);
        var calleeInvite = await AnswerPhoneAsync(callee);
        await Until(() => Harness.Inbox.AgentCallChanges.Any(c => c.Call.CallId == placed.CallId && c.Call.State == AgentCallState.Connected));
        return (placed, callerInvite, calleeInvite);
    }

    /// <summary>
    /// Moves the clock past <c>Telephony:RtpTimeout</c> (60 s) in two steps, while the talking sockets send one packet
    /// each at the start of each: only the silent legs time out.
    /// </summary>
    private protected async Task SilenceAsync(params (System.Net.Sockets.Socket Socket, int ServerPort, Func<long> Received)[] talking)
    {
        foreach (var step in (int[])[30, 31])
        {
            foreach (var (socket, port, received) in talking)
            {
                await SendOneAsync(socket, port, received);
            }

            Time.Advance(TimeSpan.FromSeconds(step));
        }
    }

    /// <summary>Packets the server's leg on <paramref name="port"/> has received, to tell when one sent has arrived.</summary>
    private protected Func<long> ReceivedOn(int port)
    {
        var leg = Harness.Calls.Calls.SelectMany(LegsOf).First(l => l.Session.LocalEndPoint.Port == port);
        return () => leg.Session.Counters.Received;
    }

    private protected static OutboundRoute RouteTo(TestPhone trunk) =>
        new(Trunk.Create(new TrunkOptions { Id = "carrier", Address = trunk.SipEndPoint.ToString(), FromUser = "+34910000000" }), "+34600123456", "0034600123456");

    private static IEnumerable<Telephony.Legs.MediaLeg> LegsOf(Telephony.Legs.TelephonyCall call)
    {
        Telephony.Legs.MediaLeg?[] legs =
        [
            call.CustomerMedia, call.Agent?.Media, (call as Telephony.Legs.AgentCall)?.Callee?.Media, call.Transfer?.Target?.Media,
            .. call.Conference?.Added.Select(p => p.Media) ?? [],
        ];
        return legs.OfType<Telephony.Legs.MediaLeg>();
    }

    /// <summary>An outbound call connected by <see cref="ConnectOutboundAsync"/>: the INVITEs to the agent's phone and to the trunk.</summary>
    private protected sealed record OutboundLegs(string CallId, SipRequest AgentInvite, SipRequest TrunkInvite);
}
