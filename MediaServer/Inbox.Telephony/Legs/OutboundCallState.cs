namespace Inbox.Telephony.Legs;

/// <summary>Where an outbound call is in its life.</summary>
internal enum OutboundCallState
{
    /// <summary>The agent's phones ring (with auto-answer hints).</summary>
    RingingAgent,

    /// <summary>Her phone answered and hears ringback (or the line's early media); the trunk call is out.</summary>
    Dialling,

    /// <summary>The customer answered: the two legs are bridged.</summary>
    Connected,

    /// <summary>Hung up or failed; media released.</summary>
    Ended,
}
