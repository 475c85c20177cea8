using Inbox.Sip.Messages;

namespace Inbox.Sip.Transport;

/// <summary>Sends messages on the transports the server listens on.</summary>
internal interface ISipTransport
{
    /// <summary>Where the server listens, one entry per protocol and address: the sent-by of our Via and our Contact.</summary>
    IReadOnlyList<SipEndPoint> LocalEndPoints { get; }

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="destination"/>, over an existing connection to it when
    /// the protocol is connection-oriented, or a new one.
    /// </summary>
    /// <exception cref="SipTransportException">The message could not be sent (RFC 3261 §17.1.4 transport error).</exception>
    ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken = default);
}
