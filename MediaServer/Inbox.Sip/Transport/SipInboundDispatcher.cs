using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Transport;

/// <summary>Decides what happens to the bytes of one received message: deliver, refuse, or drop and count.</summary>
internal sealed class SipInboundDispatcher(ISipMessageSink sink, SipTransportCounters counters, int maxMessageSize)
{
    /// <summary>Reads one message; returns the bytes consumed, 0 when a stream needs more, or -1 to give up on the stream.</summary>
    public int Dispatch(ReadOnlySpan<byte> data, bool isStream, SipMessageIndex scratch, SipEndPoint source)
    {
        var status = SipMessageReader.TryRead(data, isStream, scratch, out var message, out var error, out var consumed);
        switch (status)
        {
            case SipParseStatus.Ok when consumed > maxMessageSize:
                counters.CountOversized();
                RejectRequest(message, source, 513, "Message Too Large");
                return consumed;
            case SipParseStatus.Ok:
                sink.OnMessage(message!, source);
                return consumed;
            case SipParseStatus.Incomplete when scratch.BodyOffset > 0 && scratch.BodyOffset + scratch.ContentLength > maxMessageSize:
                // The headers are in and announce a body over the limit: refuse now rather than buffer it.
                counters.CountOversized();
                SipMessageReader.TryRead(data[..scratch.BodyOffset], isStream: false, scratch, out var headersOnly, out _, out _);
                RejectRequest(headersOnly, source, 513, "Message Too Large");
                return -1;
            case SipParseStatus.Incomplete when data.Length > maxMessageSize:
                counters.CountOversized();
                return -1;
            case SipParseStatus.Incomplete:
                return 0;
            case SipParseStatus.UnsupportedVersion:
                counters.CountMalformed();
                RejectRequest(message, source, 505, error ?? "Version Not Supported");
                return consumed;
            case SipParseStatus.Invalid:
                counters.CountMalformed();
                RejectRequest(message, source, 400, error ?? "Bad Request");

                // A broken message on a stream leaves no way to find where the next one starts.
                return isStream ? -1 : data.Length;
            default:
                counters.CountNotSip();
                return isStream ? -1 : data.Length;
        }
    }

    private void RejectRequest(SipMessage? message, SipEndPoint source, int statusCode, string reason)
    {
        // Responses are never answered; a broken one is only counted (RFC 3261 §8.1.3.1).
        if (message is SipRequest)
        {
            sink.OnRejectedRequest(message, source, statusCode, reason);
        }
    }
}
