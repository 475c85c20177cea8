namespace Inbox.Media.Transport.Ring;

/// <summary>What a <see cref="RtpRingCommand"/> asks the worker to do.</summary>
internal enum RtpRingCommandKind
{
    Add,
    Remove,
}
