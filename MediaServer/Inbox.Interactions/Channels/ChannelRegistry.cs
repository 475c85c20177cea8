namespace Inbox.Interactions.Channels;

/// <summary>The channels connected now; a channel kind with none connected cannot deliver.</summary>
internal sealed class ChannelRegistry
{
    private readonly Dictionary<ChannelKind, IInteractionChannel> _channels;

    public ChannelRegistry(IEnumerable<IInteractionChannel> channels) => _channels = channels.ToDictionary(c => c.Kind);

    public IInteractionChannel? Find(ChannelKind kind) => _channels.GetValueOrDefault(kind);

    public ChannelCapabilities CapabilitiesOf(ChannelKind kind) =>
        _channels.TryGetValue(kind, out var channel) ? channel.Capabilities : ChannelCapabilities.DefaultFor(kind);
}
