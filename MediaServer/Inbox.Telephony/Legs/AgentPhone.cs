using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Telephony.Legs;

/// <summary>One registered phone of an agent: the Contact to put in the Request-URI and the flow that reaches it.</summary>
internal sealed record AgentPhone(SipUri Contact, SipEndPoint Destination);
