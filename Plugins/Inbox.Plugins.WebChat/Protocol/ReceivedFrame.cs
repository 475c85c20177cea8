namespace Inbox.Plugins.WebChat.Protocol;

/// <summary>Her message is stored by the inbox: she need not resend it.</summary>
internal sealed record ReceivedFrame(string Id, long Seq)
{
    public string Type { get; init; } = "received";
}
