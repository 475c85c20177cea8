using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inbox.Interactions.Storage;

/// <summary>Writes an enum as its camelCase name and refuses numbers, for <see cref="InboxJsonContext"/>.</summary>
internal sealed class StoredEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
