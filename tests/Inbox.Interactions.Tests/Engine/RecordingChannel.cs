using System.Collections.Concurrent;
using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// A real in-process channel: it accepts what the inbox sends, numbers it like a provider would, and can be told to
/// refuse or to throw. Not a mock of the domain: the engine drives it exactly as it drives a plugin.
/// </summary>
internal sealed class RecordingChannel(ChannelKind kind) : IInteractionChannel
{
    private int _sent;

    public ChannelKind Kind { get; } = kind;

    public ChannelCapabilities Capabilities { get; init; } = ChannelCapabilities.DefaultFor(kind);

    public ConcurrentQueue<OutboundMessage> Sent { get; } = new();

    /// <summary>When set, every send throws this.</summary>
    public Exception? Throw { get; set; }

    public Task<ChannelSendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        if (Throw is not null)
        {
            throw Throw;
        }

        Sent.Enqueue(message);
        return Task.FromResult(ChannelSendResult.Sent($"{Kind}-{Interlocked.Increment(ref _sent)}"));
    }
}
