using System.Collections.Concurrent;
using Inbox.Interactions.Channels;

namespace Inbox.MediaServer.Tests;

/// <summary>
/// A real in-process channel registered in the host like a plugin's would be: it accepts what the inbox sends and
/// numbers it as a provider would. Not a mock of the domain: the engine drives it exactly as it drives a plugin.
/// </summary>
internal sealed class TestChannel(ChannelKind kind) : IInteractionChannel
{
    private int _sent;

    public ChannelKind Kind { get; } = kind;

    public ChannelCapabilities Capabilities { get; } = ChannelCapabilities.DefaultFor(kind);

    public ConcurrentQueue<OutboundMessage> Sent { get; } = new();

    public Task<ChannelSendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        Sent.Enqueue(message);
        return Task.FromResult(ChannelSendResult.Sent($"{Kind}-{Interlocked.Increment(ref _sent)}"));
    }
}
