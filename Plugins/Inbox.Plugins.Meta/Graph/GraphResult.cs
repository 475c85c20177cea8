using System.Text.Json.Nodes;
using Inbox.Contracts.Channels;

namespace Inbox.Plugins.Meta.Graph;

/// <summary>A Graph API call's outcome: the JSON it answered, or the failure to report for the send.</summary>
internal readonly record struct GraphResult(JsonNode? Body, SendResult? Failure)
{
    public bool Succeeded => Failure is null;

    public static GraphResult Ok(JsonNode? body) => new(body, null);

    public static GraphResult Failed(SendResult failure) => new(null, failure);
}
