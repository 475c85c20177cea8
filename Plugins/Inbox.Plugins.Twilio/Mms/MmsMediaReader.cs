using System.Globalization;
using Inbox.Contracts.Channels;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Twilio.Mms;

/// <summary>
/// Reads an incoming message's media from its webhook (<c>NumMedia</c>, then <c>MediaUrl{i}</c> and
/// <c>MediaContentType{i}</c> for i from 0) and fetches each file from Twilio. Thread-safe.
/// </summary>
/// <remarks>
/// A file that cannot be fetched never fails the webhook. Twilio retries a messaging webhook only when it cannot
/// connect (its connection overrides default to one retry, policy <c>ct</c>): an error answer or a slow one is not
/// retried, so failing it would lose the customer's text as well. The message is filed with a note instead.
/// </remarks>
internal sealed class MmsMediaReader(string channelId, TwilioMediaClient client, TimeProvider time, ILogger logger)
{
    // Twilio carries at most 10 files in a message.
    private const int MostFiles = 10;

    // Twilio waits 15 s for the webhook's answer (its read timeout); the files get 10 of them, leaving time to store.
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(10);

    public async Task<MmsMedia> ReadAsync(FormBody form, string messageSid, CancellationToken cancellationToken)
    {
        if (!int.TryParse(form["NumMedia"], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count == 0)
        {
            return MmsMedia.None;
        }

        using var deadline = new CancellationTokenSource(s_deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var fetches = Enumerable.Range(0, Math.Min(count, MostFiles))
            .Select(i => FetchAsync(form, i, linked.Token, cancellationToken))
            .ToList();
        var results = await Task.WhenAll(fetches).ConfigureAwait(false);

        var files = new List<InboundAttachment>();
        var notes = new List<string>();
        foreach (var (index, stem, fetch, mediaType) in results)
        {
            var name = MmsFileName.For(stem, mediaType);
            if (fetch.Problem is { } problem)
            {
                TwilioLog.MediaNotFetched(logger, channelId, messageSid, name, problem);
                notes.Add($"[MMS file {index + 1} of {count} ({name}) could not be fetched: {problem}]");
            }
            else
            {
                files.Add(new InboundAttachment(name, mediaType, fetch.Content));
            }
        }

        if (count > MostFiles)
        {
            notes.Add($"[MMS files {MostFiles + 1} to {count} not fetched: Twilio carries at most {MostFiles} in a message]");
        }

        return new MmsMedia(files, notes);
    }

    // The file's name stem (its media SID), how fetching it went, and its type: as the webhook declared it, else as served.
    private async Task<(int Index, string Stem, MediaFetch Fetch, string? MediaType)> FetchAsync(
        FormBody form, int index, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var given = form[$"MediaUrl{index}"];
        var declaredType = form[$"MediaContentType{index}"] is { Length: > 0 } type ? type : null;
        if (!Uri.TryCreate(given, UriKind.Absolute, out var url))
        {
            return (index, $"mms-{index + 1}", MediaFetch.Failed($"MediaUrl{index} is not a URL: '{given}'"), declaredType);
        }

        var stem = SidOf(url) ?? $"mms-{index + 1}";
        if (!client.IsApiHost(url))
        {
            // The credentials are Twilio's alone; a URL elsewhere is not fetched at all, with or without them.
            return (index, stem, MediaFetch.Failed($"its URL is on {url.Authority}, not on Twilio's API host {client.ApiHost}"), declaredType);
        }

        try
        {
            var fetch = await client.FetchAsync(url, deadline).ConfigureAwait(false);
            return (index, stem, fetch, declaredType ?? fetch.MediaType);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (index, stem, MediaFetch.Failed($"Twilio did not send it within {s_deadline.TotalSeconds:0} s"), declaredType);
        }
    }

    // The Media resource's last segment is its SID (ME followed by 32 hex digits).
    private static string? SidOf(Uri url) =>
        url.Segments[^1].TrimEnd('/') is { Length: > 2 } sid && sid.StartsWith("ME", StringComparison.Ordinal) && sid.All(char.IsAsciiLetterOrDigit) ? sid : null;
}
