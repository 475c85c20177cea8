using Inbox.Sip.Messages;

namespace Inbox.Sip.Parsing;

/// <summary>Turns received bytes into an owned <see cref="SipMessage"/>: index in place, then copy once.</summary>
internal static class SipMessageReader
{
    /// <summary>
    /// Reads one message from a datagram or the front of a stream buffer. A request in another SIP version, or one
    /// that broke the grammar after its start line, still comes back as a message (with what could be indexed) so
    /// that it can be answered 505 or 400.
    /// </summary>
    /// <param name="consumed">Bytes the message occupied, so a stream reader can advance.</param>
    public static SipParseStatus TryRead(
        ReadOnlySpan<byte> data, bool isStream, SipMessageIndex scratch, out SipMessage? message, out string? error, out int consumed)
    {
        message = null;
        consumed = 0;
        var status = SipParser.TryParse(data, scratch, isStream, out error);
        if (status == SipParseStatus.Invalid && scratch.IsRequest && scratch.HeaderCount > 0)
        {
            // Keep what could be indexed of a broken request, so that it can still be answered 400.
            scratch.BodyOffset = data.Length;
            scratch.BodyLength = 0;
        }
        else if (status is not (SipParseStatus.Ok or SipParseStatus.UnsupportedVersion))
        {
            return status;
        }

        consumed = scratch.MessageLength;
        var buffer = data[..consumed].ToArray();
        var index = scratch.Clone();
        message = index.IsRequest ? new SipRequest(buffer, index) : new SipResponse(buffer, index);
        return status;
    }

    public static SipParseStatus TryRead(ReadOnlySpan<byte> datagram, out SipMessage? message, out string? error) =>
        TryRead(datagram, isStream: false, new SipMessageIndex(), out message, out error, out _);
}
