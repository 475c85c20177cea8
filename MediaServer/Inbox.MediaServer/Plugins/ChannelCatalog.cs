using System.Collections.Concurrent;

namespace Inbox.MediaServer.Plugins;

/// <summary>Every plugin folder found, by id, for the API's channel list and the health check. Thread-safe.</summary>
internal sealed class ChannelCatalog
{
    private readonly ConcurrentDictionary<string, LoadedChannel> _channels = new(StringComparer.Ordinal);

    public IReadOnlyList<LoadedChannel> All => [.. _channels.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];

    /// <summary>Adds a folder's entry; false when another folder already claimed the id.</summary>
    public bool TryAdd(LoadedChannel channel) => _channels.TryAdd(channel.Id, channel);
}
