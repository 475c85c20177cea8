using System.Threading.Channels;
using Inbox.Media.Clock;

namespace Inbox.Media.Tests.Clock;

/// <summary>A clock client that counts its ticks and signals each one, optionally running extra work.</summary>
internal sealed class CountingClient(Action<long>? onTick = null) : IMediaClockClient
{
    private readonly Channel<long> _ticked = Channel.CreateUnbounded<long>();
    private long _ticks;

    public long Ticks => Interlocked.Read(ref _ticks);

    public void Tick(long tickNumber)
    {
        onTick?.Invoke(tickNumber);
        Interlocked.Increment(ref _ticks);
        _ticked.Writer.TryWrite(tickNumber);
    }

    public async Task WaitForTickAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _ticked.Reader.ReadAsync(timeout.Token);
    }
}
