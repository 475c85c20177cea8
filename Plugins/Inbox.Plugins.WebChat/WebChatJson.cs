using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inbox.Plugins.WebChat;

/// <summary>How frames and stored visitors are written: camelCase, enums by name, absent values left out.</summary>
internal static class WebChatJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
