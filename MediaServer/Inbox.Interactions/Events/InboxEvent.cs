using Inbox.Interactions.Agents;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Events;

/// <summary>Something an agent's UI should know; fanned out to every agent it concerns.</summary>
internal abstract record InboxEvent;

/// <summary>An interaction was created or moved (offered, accepted, transferred, finalized...).</summary>
internal sealed record InteractionChanged(Interaction Interaction) : InboxEvent;

/// <summary>A message arrived, was sent, or its delivery status moved.</summary>
internal sealed record MessageChanged(Message Message, bool IsNew) : InboxEvent;

/// <summary>An agent's presence or activity changed (her own, or a teammate's).</summary>
internal sealed record AgentChanged(AgentView Agent) : InboxEvent;

/// <summary>A message in an internal chat.</summary>
internal sealed record ChatMessageAdded(Chat Chat, ChatMessage Message) : InboxEvent;

/// <summary>The stream ends because the agent signed in elsewhere or out; not sequenced, not replayed.</summary>
internal sealed record SessionEnded(string Reason, SessionEndCause Cause) : InboxEvent;

/// <summary>The resume point is gone (too old, or the server restarted): the UI must reload its lists.</summary>
internal sealed record StreamReset(string Reason) : InboxEvent;

/// <summary>A call changed: its state, a leg's progress (with the SIP status that caused it), or its quality.</summary>
internal sealed record CallChanged(Calls.CallView Call, Calls.CallChange Change, int SipStatus = 0, string? Detail = null) : InboxEvent;

/// <summary>A call between two agents moved (<paramref name="SipStatus"/>: what a phone answered, for a call that failed).</summary>
internal sealed record AgentCallChanged(Calls.AgentCallView Call, int SipStatus = 0, string? Detail = null) : InboxEvent;

/// <summary>
/// A supervisor's listening in on a call moved; streamed to her alone, since listening in is silent to the agent.
/// </summary>
internal sealed record MonitorChanged(string InteractionId, string SupervisorId, Calls.MonitorState State, string? Detail = null) : InboxEvent;

/// <summary>The customer pressed a key during a call.</summary>
internal sealed record DtmfReceived(string InteractionId, char Digit, int DurationMs) : InboxEvent;

/// <summary>The customer is typing in a web chat.</summary>
internal sealed record CustomerTyping(string InteractionId) : InboxEvent;
