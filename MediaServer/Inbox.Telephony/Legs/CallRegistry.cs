using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Legs;

/// <summary>
/// The live calls by the Call-ID that owns them, and every call we place (to an agent's phone, a trunk) by its own
/// Call-ID. The dictionaries are shared by every SIP executor; each call in them is touched only on its own executor.
/// Disposing (at host shutdown) releases every call's media.
/// </summary>
internal sealed class CallRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, TelephonyCall> _calls = new(StringComparer.Ordinal);

    // The Call-ID of each outgoing leg → the call it serves, for the far end's in-dialog requests (BYE).
    private readonly ConcurrentDictionary<string, (TelephonyCall Call, OutgoingLeg Leg)> _outgoing = new(StringComparer.Ordinal);

    // The Call-ID of each call through a trunk → the call it serves, for the far end's BYE.
    private readonly ConcurrentDictionary<string, (TelephonyCall Call, TrunkLeg Leg)> _trunk = new(StringComparer.Ordinal);

    public int Count => _calls.Count;

    /// <summary>A snapshot of the live calls.</summary>
    public ICollection<TelephonyCall> Calls => _calls.Values;

    /// <summary>Calls through a trunk that are still open (ringing, talking, or waiting for the INVITE's final response).</summary>
    public int TrunkLegCount => _trunk.Count;

    public void AddTrunkLeg(TelephonyCall call, TrunkLeg leg) => _trunk[leg.CallId] = (call, leg);

    public bool TryGetByTrunkLeg(string callId, [NotNullWhen(true)] out TelephonyCall? call, [NotNullWhen(true)] out TrunkLeg? leg)
    {
        (call, leg) = _trunk.TryGetValue(callId, out var entry) ? entry : (null, null);
        return call is not null;
    }

    public void RemoveTrunkLeg(string callId) => _trunk.TryRemove(callId, out _);

    /// <summary>Calls we placed that are still open (ringing, talking, or waiting for the forks' last responses).</summary>
    public int OutgoingLegCount => _outgoing.Count;

    public void AddOutgoingLeg(TelephonyCall call, OutgoingLeg leg) => _outgoing[leg.CallId] = (call, leg);

    public bool TryGetByOutgoingLeg(string callId, [NotNullWhen(true)] out TelephonyCall? call)
    {
        call = _outgoing.TryGetValue(callId, out var entry) ? entry.Call : null;
        return call is not null;
    }

    public void RemoveOutgoingLeg(string callId) => _outgoing.TryRemove(callId, out _);

    public bool TryAdd(TelephonyCall call) => _calls.TryAdd(call.CallId, call);

    public bool TryGet(string callId, [NotNullWhen(true)] out TelephonyCall? call) => _calls.TryGetValue(callId, out call);

    /// <summary>The call the customer made in with <paramref name="callId"/>.</summary>
    public bool TryGetInbound(string callId, [NotNullWhen(true)] out InboundCall? call)
    {
        call = _calls.TryGetValue(callId, out var found) ? found as InboundCall : null;
        return call is not null;
    }

    /// <summary>The live call with a customer (she called in, or an agent called her) that <paramref name="callId"/> owns; never a call between agents.</summary>
    public bool TryGetCustomerCall(string callId, [NotNullWhen(true)] out TelephonyCall? call)
    {
        call = _calls.TryGetValue(callId, out var found) && found is InboundCall or OutboundCall && !found.IsEnded ? found : null;
        return call is not null;
    }

    public void Remove(TelephonyCall call) => _calls.TryRemove(new KeyValuePair<string, TelephonyCall>(call.CallId, call));

    public void Dispose()
    {
        foreach (var call in _calls.Values)
        {
            call.CustomerMedia?.Dispose();
            call.ParkTimer?.Dispose();
            (call as InboundCall)?.Timer?.Dispose();
        }

        foreach (var (_, leg) in _outgoing.Values)
        {
            leg.Media?.Dispose();
            leg.Offer?.Dispose();
        }

        foreach (var (_, leg) in _trunk.Values)
        {
            leg.Timer?.Dispose();
            leg.Media?.Dispose();
            leg.Offer?.Dispose();
        }

        _calls.Clear();
        _outgoing.Clear();
        _trunk.Clear();
    }
}
