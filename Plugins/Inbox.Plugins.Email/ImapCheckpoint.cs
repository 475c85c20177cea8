using System.Text.Json;

namespace Inbox.Plugins.Email;

/// <summary>
/// The last mail filed from the IMAP folder, kept in the plugin's data folder so a restart neither loses nor refiles
/// mail. A UID means something only within its folder and UIDVALIDITY (RFC 3501 §2.3.1.1).
/// </summary>
internal sealed record ImapCheckpoint(string Folder, uint UidValidity, uint LastUid)
{
    private const string FileName = "imap-checkpoint.json";

    public static ImapCheckpoint? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<ImapCheckpoint>(File.ReadAllBytes(path)) : null;
    }

    /// <summary>Written beside and renamed over the old one, so a crash leaves either the old checkpoint or the new, never half of one.</summary>
    public void Save(string directory)
    {
        var path = Path.Combine(directory, FileName);
        File.WriteAllBytes(path + ".new", JsonSerializer.SerializeToUtf8Bytes(this));
        File.Move(path + ".new", path, overwrite: true);
    }
}
