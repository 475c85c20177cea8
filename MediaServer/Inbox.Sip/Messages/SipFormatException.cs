namespace Inbox.Sip.Messages;

/// <summary>
/// A header the stack needs is missing or malformed. Raised only when a typed value is first read; the message
/// text is short enough to be a 400 reason phrase.
/// </summary>
internal sealed class SipFormatException(string message) : Exception(message);
