using System.Collections.Concurrent;
using Inbox.Sip.Registration;

namespace Inbox.Sip.Tests.Registration;

/// <summary>An in-memory binding store that records every save, and can hold saves until released.</summary>
internal sealed class RecordingBindingStore : ISipBindingStore
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<SipBinding>> _bindings = new(StringComparer.OrdinalIgnoreCase);

    public List<(string AddressOfRecord, IReadOnlyList<SipBinding> Bindings)> Saves { get; } = [];

    /// <summary>When set, each save waits for this task before completing.</summary>
    public Task? SaveGate { get; set; }

    public IReadOnlyList<SipBinding> Stored(string addressOfRecord) =>
        _bindings.TryGetValue(addressOfRecord, out var bindings) ? bindings : [];

    public void Seed(params SipBinding[] bindings)
    {
        foreach (var group in bindings.GroupBy(b => b.AddressOfRecord))
        {
            _bindings[group.Key] = [.. group];
        }
    }

    public Task<IReadOnlyList<SipBinding>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SipBinding>>([.. _bindings.Values.SelectMany(b => b)]);

    public async Task SaveAsync(string addressOfRecord, IReadOnlyList<SipBinding> bindings, CancellationToken cancellationToken)
    {
        if (SaveGate is not null)
        {
            await SaveGate.WaitAsync(cancellationToken);
        }

        lock (Saves)
        {
            Saves.Add((addressOfRecord, [.. bindings]));
        }

        _bindings[addressOfRecord] = [.. bindings];
    }
}
