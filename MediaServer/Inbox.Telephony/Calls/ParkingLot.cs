using Inbox.Telephony.Routing;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Calls;

/// <summary>
/// The numbered slots calls wait in while parked. Thread-safe: every call's executor parks and releases its own call
/// here, and the API lists the lot from any thread.
/// </summary>
internal sealed class ParkingLot
{
    private readonly Lock _gate = new();
    private readonly ParkedCall?[] _slots;
    private readonly int _firstSlot;

    public ParkingLot(IOptions<TelephonyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var park = options.Value.Park;
        _firstSlot = park.FirstSlot;
        _slots = new ParkedCall?[park.Slots];
    }

    public int Capacity => _slots.Length;

    /// <summary>Takes the lowest free slot for the call; null when the lot is full.</summary>
    public ParkedCall? TryPark(string callId, string interactionId, string campaignId, string parkedBy, string customerAddress, DateTimeOffset since)
    {
        lock (_gate)
        {
            var free = Array.IndexOf(_slots, null);
            if (free < 0)
            {
                return null;
            }

            var parked = new ParkedCall(_firstSlot + free, callId, interactionId, campaignId, parkedBy, customerAddress, since);
            _slots[free] = parked;
            return parked;
        }
    }

    /// <summary>Frees the call's slot; nothing happens if another call holds it by now.</summary>
    public void Release(ParkedCall parked)
    {
        ArgumentNullException.ThrowIfNull(parked);
        lock (_gate)
        {
            var index = parked.Slot - _firstSlot;
            if (index >= 0 && index < _slots.Length && ReferenceEquals(_slots[index], parked))
            {
                _slots[index] = null;
            }
        }
    }

    /// <summary>The parked calls, by slot.</summary>
    public IReadOnlyList<ParkedCall> List()
    {
        lock (_gate)
        {
            return [.. _slots.OfType<ParkedCall>()];
        }
    }
}

/// <summary>A call waiting in a park slot: who parked it, and since when.</summary>
internal sealed record ParkedCall(int Slot, string CallId, string InteractionId, string CampaignId, string ParkedBy, string CustomerAddress, DateTimeOffset Since);
