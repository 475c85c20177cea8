using Inbox.Interactions.Errors;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Engine;

/// <summary>
/// Downloads. A file's path says whose it is (<c>attachments/&lt;interaction&gt;/...</c> or
/// <c>attachments/chats/&lt;chat&gt;/...</c>), so reading one needs the right to see that interaction or chat.
/// </summary>
internal sealed partial class InboxEngine
{
    public async Task<(string FileName, string MediaType, byte[] Content)> ReadAttachmentAsync(
        Directory.Agent caller, string downloadPath, CancellationToken cancellationToken)
    {
        var segments = downloadPath.Split('/');
        if (segments is not ["attachments", _, _, _] and not ["attachments", "chats", _, _, _]
            || segments.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('\\', StringComparison.Ordinal)))
        {
            throw InboxException.Invalid($"'{downloadPath}' is not an attachment's download path.");
        }

        if (segments[1] == "chats")
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _ = RequireChat(caller, segments[2]);
            }
            finally
            {
                _gate.Release();
            }
        }
        else if (await FindVisibleAsync(caller, segments[1], cancellationToken).ConfigureAwait(false) is null)
        {
            throw InboxException.NotFound($"No attachment of yours is at '{downloadPath}'.");
        }

        var fullPath = _attachments.FullPath(downloadPath);
        if (!File.Exists(fullPath))
        {
            throw InboxException.NotFound($"No attachment of yours is at '{downloadPath}'.");
        }

        var content = await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false);
        var fileName = segments[^1];
        var inspection = AttachmentInspector.Inspect(fileName, content, _attachments.Limits);
        return (fileName, inspection.IsAccepted ? inspection.MediaType : "application/octet-stream", content);
    }
}
