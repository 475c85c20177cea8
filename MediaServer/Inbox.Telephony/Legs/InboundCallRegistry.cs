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

    // The Call-ID of each call to an agent's phone → the inbound call it serves, for the phone's BYE.
    private readonly ConcurrentDictionary<string, (InboundCall Call, AgentLeg Leg)> _agentLegs = new(StringComparer.Ordinal);

    public int Count => _calls.Count;

    /// <summary>Calls to agents' phones still open (ringing, talking, or waiting for the forks' last responses).</summary>
    public int AgentLegCount => _agentLegs.Count;

    public void AddAgentLeg(InboundCall call, AgentLeg leg) => _agentLegs[leg.CallId] = (call, leg);

    public bool TryGetByAgentLeg(string callId, [NotNullWhen(true)] out InboundCall? call)
    {
        call = _agentLegs.TryGetValue(callId, out var entry) ? entry.Call : null;
        return call is not null;
    }

    public void RemoveAgentLeg(string callId) => _agentLegs.TryRemove(callId, out _);

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

        foreach (var (_, leg) in _agentLegs.Values)
        {
            leg.Media?.Dispose();
            leg.Offer.Dispose();
        }

        _calls.Clear();
        _agentLegs.Clear();
    }
}
