using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Messages;

/// <summary>
/// Checks attachments' content and saves them under <c>attachments/</c> in the data folder before the message that
/// names them is stored, so a stored message never points at a missing file.
/// </summary>
internal sealed class AttachmentStore(string dataDirectory, AttachmentLimits limits)
{
    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    public AttachmentLimits Limits { get; } = limits;

    public AttachmentInspection Inspect(AttachmentUpload upload) => AttachmentInspector.Inspect(upload.FileName, upload.Content.Span, Limits);

    /// <summary>Writes the file and flushes it to disk; returns its description with a path relative to the data folder.</summary>
    public async Task<StoredAttachment> SaveAsync(string folder, AttachmentUpload upload, AttachmentInspection inspection, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(FullPath(Path.Combine("attachments", folder)));
        var fileName = FreeName(folder, upload.FileName);
        var relative = Path.Combine("attachments", folder, fileName);
        var full = FullPath(relative);
        var stream = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(upload.Content, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        return new StoredAttachment(fileName, inspection.MediaType, inspection.Kind, upload.Content.Length, relative, upload.IsVoiceNote);
    }

    /// <summary>The name itself, or "name (2).ext" and so on when the message already has a file of that name.</summary>
    private string FreeName(string folder, string fileName)
    {
        var candidate = fileName;
        for (var n = 2; File.Exists(FullPath(Path.Combine("attachments", folder, candidate))); n++)
        {
            candidate = $"{Path.GetFileNameWithoutExtension(fileName)} ({n}){Path.GetExtension(fileName)}";
        }

        return candidate;
    }

    public string FullPath(string relativePath) => Path.Combine(DataDirectory, relativePath);
}
