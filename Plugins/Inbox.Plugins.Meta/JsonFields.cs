using System.Globalization;
using System.Text.Json;

namespace Inbox.Plugins.Meta;

/// <summary>
/// Reading Meta's webhook JSON, where any field may be missing: a missing field reads as an
/// <see cref="JsonValueKind.Undefined"/> element, null or empty rather than throwing, so one odd event never costs
/// the rest of its batch.
/// </summary>
internal static class JsonFields
{
    public static JsonElement Field(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static bool IsObject(this JsonElement element) => element.ValueKind == JsonValueKind.Object;

    /// <summary>A string field; numbers (Meta sends some ids and codes either way) are given as their text.</summary>
    public static string? Text(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };

    public static bool Flag(this JsonElement element, string name) => element.Field(name).ValueKind == JsonValueKind.True;

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>A Unix time field, in seconds (WhatsApp) or milliseconds (<paramref name="milliseconds"/>: Messenger).</summary>
    public static DateTimeOffset? Time(this JsonElement element, string name, bool milliseconds = false) =>
        long.TryParse(element.Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value)
            : null;
}
