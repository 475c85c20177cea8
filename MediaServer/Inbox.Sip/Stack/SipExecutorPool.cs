using System.Threading.Channels;

namespace Inbox.Sip.Stack;

/// <summary>
/// A few serial executors: all work for one Call-ID runs on the same one, in order, so a call's transactions and
/// dialogs need no locks, while different calls proceed in parallel.
/// </summary>
internal sealed class SipExecutorPool : IAsyncDisposable
{
    // Enough for a burst of a few thousand messages per executor; beyond that the server is overloaded and the
    // sender's retransmissions are the right back-pressure.
    private const int QueueCapacity = 4096;

    private readonly Channel<Action>[] _queues;
    private readonly Task[] _workers;
    private readonly Action<Exception> _onError;
    private long _rejected;

    public SipExecutorPool(int executors, Action<Exception> onError)
    {
        _onError = onError;
        _queues = new Channel<Action>[executors];
        _workers = new Task[executors];
        for (var i = 0; i < executors; i++)
        {
            _queues[i] = Channel.CreateBounded<Action>(new BoundedChannelOptions(QueueCapacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            _workers[i] = Task.Factory.StartNew(RunAsync, _queues[i].Reader, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Work refused because its executor's queue was full.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Queues <paramref name="work"/> on the executor that owns <paramref name="callId"/>.</summary>
    /// <returns>False when that executor is overloaded; the work was not queued.</returns>
    public bool TryPost(string? callId, Action work)
    {
        var queue = _queues[callId is null ? 0 : (int)((uint)StringComparer.Ordinal.GetHashCode(callId) % (uint)_queues.Length)];
        if (queue.Writer.TryWrite(work))
        {
            return true;
        }

        Interlocked.Increment(ref _rejected);
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var queue in _queues)
        {
            queue.Writer.TryComplete();
        }

        await Task.WhenAll(_workers).ConfigureAwait(false);
    }

    private async Task RunAsync(object? state)
    {
        var reader = (ChannelReader<Action>)state!;
        await foreach (var work in reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                work();
            }
            catch (Exception e)
            {
                _onError(e);
            }
        }
    }
}
