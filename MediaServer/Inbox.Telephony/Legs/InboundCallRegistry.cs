using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Inbox.Telephony.Legs;

/// <summary>
/// The live inbound calls by Call-ID. The dictionary is shared by every SIP executor; each call in it is touched only
/// on its own executor. Disposing (at host shutdown) releases every call's media.
/// </summary>
internal sealed class InboundCallRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, InboundCall> _calls = new(StringComparer.Ordinal);

    public int Count => _calls.Count;

    public bool TryAdd(InboundCall call) => _calls.TryAdd(call.CallId, call);

    public bool TryGet(string callId, [NotNullWhen(true)] out InboundCall? call) => _calls.TryGetValue(callId, out call);

    public void Remove(InboundCall call) => _calls.TryRemove(new KeyValuePair<string, InboundCall>(call.CallId, call));

    public void Dispose()
    {
        foreach (var call in _calls.Values)
        {
            call.Leg.Dispose();
            call.Timer?.Dispose();
        }

        _calls.Clear();
    }
}
