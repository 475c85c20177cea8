using System.Collections.Concurrent;

namespace Inbox.Sip.Auth;

/// <summary>
/// Replay protection for <c>qop=auth</c> (RFC 7616 §3.4 and §5.4): remembers the highest nonce-count accepted
/// per nonce and accepts only a strictly greater one. Memory is bounded: entries of expired nonces are swept,
/// and when the table is still at <c>capacity</c> the older half is evicted and their issue times become a
/// floor: a nonce issued at or before the floor that has no entry is refused (the client gets a fresh nonce),
/// so eviction never reopens a replay window. Thread-safe and lock-free except for the rare sweep.
/// </summary>
internal sealed class DigestNonceCountTracker
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly DigestNonceIssuer _issuer;
    private readonly int _capacity;
    private readonly Lock _sweepLock = new();
    private long _floorMilliseconds = long.MinValue;

    public DigestNonceCountTracker(DigestNonceIssuer issuer, int capacity)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _issuer = issuer;
        _capacity = capacity;
    }

    public int Count => _entries.Count;

    /// <summary>
    /// Records <paramref name="nonceCount"/> for <paramref name="nonce"/> (issued at the given Unix time, from
    /// <see cref="DigestNonceIssuer.Validate"/>). False when it is not greater than the last accepted one, or
    /// when the nonce's entry was evicted.
    /// </summary>
    public bool TryAccept(string nonce, uint nonceCount, long issuedAtMilliseconds)
    {
        if (!_entries.TryGetValue(nonce, out var entry))
        {
            if (_entries.Count >= _capacity)
            {
                Sweep();
            }

            if (issuedAtMilliseconds <= Volatile.Read(ref _floorMilliseconds))
            {
                return false;
            }

            entry = _entries.GetOrAdd(nonce, static (_, issuedAt) => new Entry(issuedAt), issuedAtMilliseconds);

            // A concurrent eviction may have raised the floor between the check and the add.
            if (issuedAtMilliseconds <= Volatile.Read(ref _floorMilliseconds))
            {
                _entries.TryRemove(nonce, out _);
                return false;
            }
        }

        return entry.TryAdvance(nonceCount);
    }

    private void Sweep()
    {
        // One sweeper at a time; others go on and may briefly exceed the capacity by the number of threads.
        if (!_sweepLock.TryEnter())
        {
            return;
        }

        try
        {
            foreach (var (nonce, entry) in _entries)
            {
                if (_issuer.IsExpired(entry.IssuedAtMilliseconds))
                {
                    _entries.TryRemove(nonce, out _);
                }
            }

            if (_entries.Count >= _capacity)
            {
                EvictOlderHalf();
            }
        }
        finally
        {
            _sweepLock.Exit();
        }
    }

    private void EvictOlderHalf()
    {
        var times = new long[_entries.Count];
        var count = 0;
        foreach (var (_, entry) in _entries)
        {
            if (count == times.Length)
            {
                break;
            }

            times[count++] = entry.IssuedAtMilliseconds;
        }

        Array.Sort(times, 0, count);
        var floor = times[(count - 1) / 2];
        Volatile.Write(ref _floorMilliseconds, Math.Max(floor, Volatile.Read(ref _floorMilliseconds)));
        foreach (var (nonce, entry) in _entries)
        {
            if (entry.IssuedAtMilliseconds <= floor)
            {
                _entries.TryRemove(nonce, out _);
            }
        }
    }

    private sealed class Entry(long issuedAtMilliseconds)
    {
        private long _highest = -1;

        public long IssuedAtMilliseconds { get; } = issuedAtMilliseconds;

        public bool TryAdvance(uint nonceCount)
        {
            while (true)
            {
                var current = Volatile.Read(ref _highest);
                if (nonceCount <= current)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _highest, nonceCount, current) == current)
                {
                    return true;
                }
            }
        }
    }
}
