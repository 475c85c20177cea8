using Inbox.Sip.Messages;

namespace Inbox.Sip.Parsing;

/// <summary>Turns received bytes into an owned <see cref="SipMessage"/>: index in place, then copy once.</summary>
internal static class SipMessageReader
{
    /// <summary>Reads one message from a datagram or the front of a stream buffer.</summary>
    /// <param name="consumed">Bytes the message occupied, so a stream reader can advance.</param>
    public static SipParseStatus TryRead(
        ReadOnlySpan<byte> data, bool isStream, SipMessageIndex scratch, out SipMessage? message, out string? error, out int consumed)
    {
        message = null;
        consumed = 0;
        var status = SipParser.TryParse(data, scratch, isStream, out error);
        if (status is not (SipParseStatus.Ok or SipParseStatus.UnsupportedVersion))
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
