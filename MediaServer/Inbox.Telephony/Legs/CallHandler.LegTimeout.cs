using Inbox.Media.Sessions;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A leg of any call that timed out (no RTP for <c>Telephony:RtpTimeout</c>, or its session expired, RFC 4028 §10) is
/// ended as its own hang-up would end it: the caller or an outbound call's number ends the call as the customer hanging
/// up once they talked, and as a failed call before; the agent's phone ends it as failed on her side (neither party
/// hung up, so the interaction's end reason names her phone); either phone of an agent call ends it for both; a
/// conference participant leaves the mix; a transfer's target or number ends the consult, and the agent's phone during
/// a transfer hands the call over as her BYE would; the number a call was transferred to ends the call; a listening
/// supervisor's phone ends his listening. The leg gets a BYE all the same, in case only its media or signalling path
/// died.
/// </summary>
internal sealed partial class CallHandler
{
    private void EndTimedOutLeg(TelephonyCall call, MediaLeg media, string reason)
    {
        if (LinesOf(call).FirstOrDefault(l => ReferenceEquals(l.Media, media)) is { } line)
        {
            TelephonyLog.LegTimedOut(logger, call.CallId, line.CallId, reason);
            LineGone(line, reason);
        }
        else if (PhonesOf(call).FirstOrDefault(p => ReferenceEquals(p.Media, media)) is { } phone)
        {
            TelephonyLog.LegTimedOut(logger, call.CallId, phone.CallId, reason);
            PhoneGone(call, phone, reason);
        }
        else if (call is InboundCall inbound && ReferenceEquals(inbound.Leg, media))
        {
            TelephonyLog.LegTimedOut(logger, call.CallId, call.CallId, reason);
            HangUp(inbound, reason);
        }
    }

    // As a BYE from the far end: its owner (the outbound call, the transfer, the conference) hears the leg ended.
    private void LineGone(TrunkLeg line, string reason)
    {
        ByeOrCancelTrunk(line);
        (line.Status, line.EndReason) = (0, reason);
        EndTrunkLeg(line);
        line.Changed(line);
    }

    private void PhoneGone(TelephonyCall call, OutgoingLeg phone, string reason)
    {
        if (IsMonitorLeg(call, phone))
        {
            StopMonitor(call, $"his phone is gone: {reason}", byPhone: false);
        }
        else if (call is AgentCall agentCall)
        {
            EndAgentCall(agentCall, 0, $"{phone.AgentId}'s phone is gone: {reason}");
        }
        else if (call.Conference?.Find(phone) is { } participant)
        {
            DropParticipant(call, participant, reason, $"agent {phone.AgentId} left the call: {reason}");
        }
        else if (call.Transfer is { } consulting && ReferenceEquals(consulting.Target, phone))
        {
            TargetLeftConsult(call, consulting, phone, byPhone: false, $"the transfer target's phone is gone: {reason}");
        }
        else if (call.Conference?.Mix is not null && ReferenceEquals(call.Agent, phone))
        {
            LeaveAndFinalize(call, phone, byPhone: false);
        }
        else if (call.Transfer is { } transferring && ReferenceEquals(call.Agent, phone))
        {
            AgentLeftTransfer(call, transferring, phone, byPhone: false, $"the agent's phone is gone during the transfer: {reason}");
        }
        else if (ReferenceEquals(call.Agent, phone) && phone.Accepted && call is InboundCall or OutboundCall { State: OutboundCallState.Connected })
        {
            AgentPhoneGone(call, $"{phone.AgentId}'s phone is gone: {reason}");
        }
        else if (call is OutboundCall dialling)
        {
            // Nobody talked yet: the call failed, as when the line does not answer.
            FailOutbound(dialling, 0, "failed: " + reason);
        }
        else if (call is InboundCall inbound)
        {
            HangUp(inbound, reason);
        }
    }

    // Neither party hung up: the call failed on her side. Both get BYE (hers as the customer's side ends) and the
    // interaction ends saying so, so that reports count it as neither the customer's hang-up nor hers.
    private void AgentPhoneGone(TelephonyCall call, string ending)
    {
        HangUpCustomer(call, ending);
        if (call.InteractionId is { } id)
        {
            call.InteractionId = null;
            _ = EndCallAsync(call.CallId, id, ending);
        }
    }

    /// <summary>The leg whose RTP session is <paramref name="rtp"/>, among the call's answered legs.</summary>
    private static MediaLeg? MediaOf(TelephonyCall call, RtpSession rtp) =>
        call is InboundCall inbound && ReferenceEquals(inbound.Leg.Session, rtp) ? inbound.Leg : SessionsOf(call).FirstOrDefault(s => ReferenceEquals(s.Media.Session, rtp))?.Media;

    /// <summary>The session of the answered leg whose media is <paramref name="media"/>, if any.</summary>
    private static LegSession? SessionOf(TelephonyCall call, MediaLeg media) => SessionsOf(call).FirstOrDefault(s => ReferenceEquals(s.Media, media));

    /// <summary>Every answered leg's session: the caller's, the phones' and the numbers' through a trunk.</summary>
    private static IEnumerable<LegSession> SessionsOf(TelephonyCall call)
    {
        if (call is InboundCall { Session: { } caller })
        {
            yield return caller;
        }

        foreach (var phone in PhonesOf(call))
        {
            if (phone.Session is { } session)
            {
                yield return session;
            }
        }

        foreach (var line in LinesOf(call))
        {
            if (line.Session is { } session)
            {
                yield return session;
            }
        }
    }

    /// <summary>The call's legs to agents' phones: its agent, an agent call's callee, a transfer's target, conference participants, a listening supervisor.</summary>
    private static IEnumerable<OutgoingLeg> PhonesOf(TelephonyCall call)
    {
        if (call.Agent is { } agent)
        {
            yield return agent;
        }

        if (call is AgentCall { Callee: { } callee })
        {
            yield return callee;
        }

        if (call.Transfer?.Target is { } target)
        {
            yield return target;
        }

        foreach (var participant in call.Conference?.Added ?? [])
        {
            if (participant.Phone is { } phone)
            {
                yield return phone;
            }
        }

        if (call.Monitor?.Phone is { } supervisor)
        {
            yield return supervisor;
        }
    }

    /// <summary>The call's legs through a trunk: an outbound call's customer, the transfer's number, conference participants.</summary>
    private static IEnumerable<TrunkLeg> LinesOf(TelephonyCall call)
    {
        if (call is OutboundCall { Customer: { } customer })
        {
            yield return customer;
        }

        if (call.TransferredTo is { } number)
        {
            yield return number;
        }

        if (call.Transfer?.External is { } external)
        {
            yield return external;
        }

        foreach (var participant in call.Conference?.Added ?? [])
        {
            if (participant.Line is { } line)
            {
                yield return line;
            }
        }
    }
}
