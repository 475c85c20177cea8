using Inbox.Sip.Messages;

namespace Inbox.Sip.Transport;

/// <summary>Receives what the transports read off the wire.</summary>
internal interface ISipMessageSink
{
    /// <summary>A message that indexed cleanly (typed headers not yet validated).</summary>
    void OnMessage(SipMessage message, SipEndPoint source);

    /// <summary>
    /// A request whose start line and headers could be indexed but which must be refused at once:
    /// a grammar error (400), another SIP version (505) or a size over the limit (513).
    /// </summary>
    void OnRejectedRequest(SipMessage? message, SipEndPoint source, int statusCode, string reason);
}
