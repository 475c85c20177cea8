namespace Inbox.Plugins.Twilio.Mms;

/// <summary>One MMS file fetched from Twilio, or why it could not be: <see cref="Problem"/> is null on success.</summary>
internal sealed record MediaFetch(ReadOnlyMemory<byte> Content, string? MediaType, string? Problem)
{
    public static MediaFetch Fetched(ReadOnlyMemory<byte> content, string? mediaType) => new(content, mediaType, null);

    public static MediaFetch Failed(string problem) => new(ReadOnlyMemory<byte>.Empty, null, problem);
}
