using System.Collections.Concurrent;
using Inbox.Media.Quality;
using Inbox.Media.Sessions;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Features;

/// <summary>
/// The one <see cref="MediaQualityMonitor"/> of the server (one timer for every call's legs), with a listener per
/// watched session so each sample reaches the call it belongs to. Call control watches every answered leg of every
/// call until the leg goes (<c>CallHandler.LegQuality.cs</c>). Thread-safe.
/// </summary>
internal sealed class CallQualityMonitor : IAsyncDisposable
{
    private readonly ConcurrentDictionary<RtpSession, Action<QualitySample>> _listeners = new();
    private readonly MediaQualityMonitor _monitor;

    public CallQualityMonitor(IOptions<QualityOptions> options, TimeProvider timeProvider, TimeSpan? tick = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _monitor = new MediaQualityMonitor(options.Value, OnSample, timeProvider, tick: tick);
    }

    /// <summary>Sessions being scored now.</summary>
    public int Watched => _listeners.Count;

    /// <summary>
    /// Scores <paramref name="session"/> every interval; <paramref name="onSample"/> runs on the monitor's timer and must
    /// not block. A session already watched keeps its window and only gets the new listener (its leg moved to another call).
    /// </summary>
    public void Watch(RtpSession session, Action<QualitySample> onSample)
    {
        if (_listeners.TryAdd(session, onSample))
        {
            _monitor.Watch(session);
            return;
        }

        _listeners[session] = onSample;
    }

    public void Forget(RtpSession session)
    {
        _monitor.Forget(session);
        _listeners.TryRemove(session, out _);
    }

    public ValueTask DisposeAsync() => _monitor.DisposeAsync();

    private void OnSample(RtpSession session, QualitySample sample)
    {
        if (_listeners.TryGetValue(session, out var listener))
        {
            listener(sample);
        }
    }
}
