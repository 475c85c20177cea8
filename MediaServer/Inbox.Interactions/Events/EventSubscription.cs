using System.Threading.Channels;

namespace Inbox.Interactions.Events;

/// <summary>
/// One open event stream of an agent. Bounded: a reader that falls behind is cut off (<see cref="Overflowed"/>)
/// rather than letting the server buffer without limit; it reconnects and resumes from its last sequence.
/// </summary>
internal sealed class EventSubscription
{
    private readonly Channel<SequencedEvent> _channel;

    public EventSubscription(int capacity) =>
        _channel = Channel.CreateBounded<SequencedEvent>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

    public ChannelReader<SequencedEvent> Reader => _channel.Reader;

    /// <summary>Whether it ended because the reader was too slow.</summary>
    public bool Overflowed { get; private set; }

    internal void Write(SequencedEvent item)
    {
        if (!_channel.Writer.TryWrite(item) && _channel.Writer.TryComplete())
        {
            Overflowed = true;
        }
    }

    internal void Complete() => _channel.Writer.TryComplete();
}
