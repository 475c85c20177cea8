namespace Inbox.Sip.Messages;

/// <summary>One header line located in a message buffer: offsets only, so indexing allocates nothing.</summary>
internal readonly record struct SipHeaderEntry(SipHeaderId Id, int NameOffset, int NameLength, int ValueOffset, int ValueLength, bool IsFolded)
{
    public Range Name => new(NameOffset, NameOffset + NameLength);

    public Range Value => new(ValueOffset, ValueOffset + ValueLength);
}
