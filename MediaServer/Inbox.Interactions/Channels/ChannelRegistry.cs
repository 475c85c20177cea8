using System.Collections.Immutable;

namespace Inbox.Interactions.Channels;

/// <summary>
/// The channels connected now; a channel kind with none connected cannot deliver. Built-in channels are there from
/// the start; plugins join as they start. Thread-safe: readers see an immutable snapshot.
/// </summary>
internal sealed class ChannelRegistry
{
    private ImmutableDictionary<ChannelKind, IInteractionChannel> _channels;

    public ChannelRegistry(IEnumerable<IInteractionChannel> channels) => _channels = channels.ToImmutableDictionary(c => c.Kind);

    public IInteractionChannel? Find(ChannelKind kind) => Volatile.Read(ref _channels).GetValueOrDefault(kind);

    public ChannelCapabilities CapabilitiesOf(ChannelKind kind) =>
        Find(kind) is { } channel ? channel.Capabilities : ChannelCapabilities.DefaultFor(kind);

    /// <summary>Connects a channel; false when one of its kind is connected already (one provider per kind).</summary>
    public bool TryAdd(IInteractionChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return ImmutableInterlocked.TryAdd(ref _channels, channel.Kind, channel);
    }
}
