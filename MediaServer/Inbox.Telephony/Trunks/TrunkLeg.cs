using Inbox.Sip.Auth;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;
using Inbox.Telephony.Legs;

namespace Inbox.Telephony.Trunks;

/// <summary>
/// A call the server places through a trunk for a <see cref="TelephonyCall"/> (its owner): one Call-ID and From tag,
/// the INVITE (re-sent with credentials after a digest challenge, or with a larger Session-Expires after a 422, each
/// retry keeping what the other added), its dialog and media once answered. Created by
/// <c>CallHandler.DialExternal</c>; not thread-safe: touched only on the executor of <see cref="OwnerCallId"/>, where
/// <see cref="Changed"/> runs too.
/// </summary>
internal sealed class TrunkLeg(string ownerCallId, string callId, string localTag, OutboundRoute route, MediaOffer? offer, Action<TrunkLeg> changed)
{
    public string OwnerCallId { get; } = ownerCallId;

    public string CallId { get; } = callId;

    public string LocalTag { get; } = localTag;

    public OutboundRoute Route { get; } = route;

    /// <summary>Our SDP offer; null when no RTP port was free.</summary>
    public MediaOffer? Offer { get; } = offer;

    /// <summary>Told of every change of <see cref="State"/> and of each new provisional status.</summary>
    public Action<TrunkLeg> Changed { get; } = changed;

    public TrunkLegState State { get; set; } = TrunkLegState.Calling;

    /// <summary>The last status the trunk answered with (180, 183, 200, 486...); 0 before any, or when the leg ended otherwise.</summary>
    public int Status { get; set; }

    /// <summary>Why it ended, as the interaction records it: "busy", "no answer", "failed: 503 Service Unavailable"...</summary>
    public string? EndReason { get; set; }

    public SipEndPoint? Destination { get; set; }

    /// <summary>The INVITE in force: responses to an earlier one (before a digest retry) are ignored.</summary>
    public SipRequest? Invite { get; set; }

    public SipClientTransaction? Transaction { get; set; }

    /// <summary>The CSeq of the next INVITE: a digest retry takes the next number (RFC 3261 §22.2).</summary>
    public int CSeq { get; set; } = 1;

    /// <summary>
    /// The trunk's digest challenge once answered: every later INVITE carries fresh credentials for it (the next
    /// <see cref="NonceCount"/>, RFC 7616 §3.4); a second challenge fails the call rather than looping.
    /// </summary>
    public DigestChallenge? Challenge { get; set; }

    /// <summary>Where the credentials for <see cref="Challenge"/> go: Proxy-Authorization after a 407, else Authorization.</summary>
    public SipHeaderId CredentialsHeader { get; set; }

    /// <summary>The nonce-count of the last credentials sent for <see cref="Challenge"/>.</summary>
    public uint NonceCount { get; set; }

    /// <summary>The Min-SE of the trunk's last 422: every later INVITE asks for it (RFC 4028 §7.3); null before any.</summary>
    public TimeSpan? SessionMinimum { get; set; }

    /// <summary>A provisional response came: a CANCEL may be sent now (RFC 3261 §9.1).</summary>
    public bool Proceeding { get; set; }

    /// <summary>We want it cancelled; sent at once when proceeding, else on the first provisional.</summary>
    public bool CancelWanted { get; set; }

    public bool CancelSent { get; set; }

    /// <summary>The INVITE in force has its final response (or never went out): the registry may forget the leg once ended.</summary>
    public bool InviteDone { get; set; } = true;

    public SipDialog? Dialog { get; set; }

    /// <summary>Our ACK for the 2xx, resent when the 2xx is (RFC 3261 §13.2.2.4).</summary>
    public SipRequest? Ack { get; set; }

    /// <summary>The answered session: the far end's re-INVITEs (a carrier's session refresh, hold) are answered through it.</summary>
    public LegSession? Session { get; set; }

    /// <summary>The customer's audio, from the first SDP answer (early media in a 183, or the 2xx).</summary>
    public MediaLeg? Media { get; set; }

    /// <summary>The ring timeout (<c>Telephony:DialTimeout</c>) until answered.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>The end reason for a final status, in the words the interaction keeps.</summary>
    public static string ReasonFor(int status, string? phrase) => status switch
    {
        486 or 600 => "busy",
        408 or 480 or 487 => "no answer",
        603 => "declined",
        _ => string.IsNullOrWhiteSpace(phrase) ? $"failed: {status}" : $"failed: {status} {phrase}",
    };
}
