using System.Text.Json;
using System.Text.Json.Serialization;
using Inbox.Contracts.Channels;

namespace Inbox.MediaServer.Plugins;

/// <summary>
/// A plugin folder's <c>plugin.json</c>: who it is, which channel it provides, the contract version it was built
/// against, and its assembly (relative to the folder).
/// </summary>
internal sealed record PluginManifest(string Id, ChannelKind Kind, int ContractVersion, string Assembly)
{
    public const string FileName = "plugin.json";

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads and checks the manifest of <paramref name="folder"/>; the error says what to fix.</summary>
    public static PluginManifest? TryRead(string folder, out string? error)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            error = $"{FileName} is missing";
            return null;
        }

        ManifestFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ManifestFile>(File.ReadAllText(path), s_json);
        }
        catch (JsonException e)
        {
            error = $"{FileName} is not valid: {e.Message}";
            return null;
        }

        error = file switch
        {
            null => $"{FileName} is empty",
            { Id: null or "" } => $"{FileName} has no id",
            { Kind: null } => $"{FileName} has no kind (one of {string.Join(", ", Enum.GetNames<ChannelKind>())})",
            { ContractVersion: null } => $"{FileName} has no contractVersion",
            { Assembly: null or "" } => $"{FileName} has no assembly",
            _ when file.ContractVersion != ChannelContract.Version =>
                $"it was built for contract version {file.ContractVersion}; this server speaks version {ChannelContract.Version}",
            _ when !File.Exists(Path.Combine(folder, file.Assembly!)) => $"its assembly {file.Assembly} is missing",
            _ => null,
        };
        return error is null ? new PluginManifest(file!.Id!, file.Kind!.Value, file.ContractVersion!.Value, file.Assembly!) : null;
    }

    private sealed record ManifestFile(string? Id, ChannelKind? Kind, int? ContractVersion, string? Assembly);
}
