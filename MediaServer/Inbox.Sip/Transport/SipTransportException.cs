namespace Inbox.Sip.Transport;

/// <summary>A message could not be sent: the transaction layer reports it to its user as a transport error.</summary>
internal sealed class SipTransportException(string message, Exception? innerException = null) : Exception(message, innerException);
