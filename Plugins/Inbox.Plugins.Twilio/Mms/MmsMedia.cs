using Inbox.Contracts.Channels;

namespace Inbox.Plugins.Twilio.Mms;

/// <summary>
/// What an MMS brought: the files fetched, and a note for each one that could not be, naming it and saying why.
/// </summary>
internal sealed record MmsMedia(IReadOnlyList<InboundAttachment> Files, IReadOnlyList<string> Notes)
{
    public static MmsMedia None { get; } = new([], []);
}
