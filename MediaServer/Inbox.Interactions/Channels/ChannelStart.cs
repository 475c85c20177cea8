using System.Collections.Immutable;

namespace Inbox.Interactions.Channels;

/// <summary>What a <see cref="IStartingChannel"/> files a new interaction with: the customer's address as the channel reaches it, and its client info.</summary>
internal sealed record ChannelStart(string CustomerAddress, ImmutableDictionary<string, string> ClientInfo);
