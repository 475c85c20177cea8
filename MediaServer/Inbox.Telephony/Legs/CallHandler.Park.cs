using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Telephony.Calls;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Parking: the agent's phone is released and the customer waits in a numbered slot with hold music; any member of
/// the campaign can retrieve the call (her phone rings and answering bridges), and when the park timeout passes it
/// rings back the agent who parked it. If she does not answer, the call goes back to the lot.
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>Parks the call; FAILED_PRECONDITION (and the call stays connected) when the lot is full.</summary>
    public Task<CallView> ParkAsync(string callId) => OnCallAsync(callId, call =>
    {
        if (call.Parked is not null)
        {
            return ViewOf(call);
        }

        RequireNoTransfer(call, "park");
        var parkedBy = call.Agent!.AgentId;
        if (!Park(call, parkedBy))
        {
            throw InboxException.Precondition($"The park lot is full ({parkingLot.Capacity} slots); the call stays where it is.");
        }

        call.Bridge!.Hold();
        HangUpAgent(call);
        call.Muted = call.OnHold = call.HeldByPhone = false;
        PublishToCampaign(call, $"parked in slot {call.Parked!.Slot}");
        return ViewOf(call);
    });

    /// <summary>
    /// <paramref name="agentId"/> takes the parked call: the inbox makes it hers, then her phone rings and answering
    /// bridges. FAILED_PRECONDITION when it is not parked (any more).
    /// </summary>
    public async Task<CallView> RetrieveAsync(string callId, string agentId, IReadOnlyList<string> extensions)
    {
        var interactionId = await OnCallAsync(callId, call =>
        {
            if (call.Parked is null || call.Retrieving)
            {
                throw InboxException.Precondition("The call is not parked.");
            }

            // Holds the slot against the ring-back and other agents while the inbox records who has it.
            call.Retrieving = true;
            call.ParkTimer?.Dispose();
            call.ParkTimer = null;
            return call.InteractionId!;
        }).ConfigureAwait(false);

        try
        {
            await inbox.TakeOverAsync(agentId, interactionId, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await OnCallAsync(callId, call =>
            {
                call.Retrieving = false;
                ArmParkTimer(call);
                return true;
            }).ConfigureAwait(false);
            throw;
        }

        return await OnCallAsync(callId, call =>
        {
            call.Retrieving = false;
            Unpark(call);
            PublishToCampaign(call, $"retrieved by {agentId}");
            Ring(call.CallId, interactionId, agentId, extensions, taken: true);
            return ViewOf(call);
        }).ConfigureAwait(false);
    }

    /// <summary>The parked calls, by slot.</summary>
    public IReadOnlyList<ParkedCall> ListParked() => parkingLot.List();

    private bool Park(TelephonyCall call, string parkedBy)
    {
        var parked = parkingLot.TryPark(call.CallId, call.InteractionId!, call.CampaignId, parkedBy, call.CustomerAddress, timeProvider.GetUtcNow());
        if (parked is null)
        {
            return false;
        }

        call.Parked = parked;
        ArmParkTimer(call);
        TelephonyLog.CallParked(logger, call.CallId, parked.Slot, parkedBy);
        return true;
    }

    private void ArmParkTimer(TelephonyCall call)
    {
        call.ParkTimer?.Dispose();
        call.ParkTimer = timeProvider.CreateTimer(_ => TryPost(call.CallId, () => OnParkTimeout(call)), null, _parkTimeout, Timeout.InfiniteTimeSpan);
    }

    private void OnParkTimeout(TelephonyCall call)
    {
        if (call.IsEnded || call.Parked is not { } parked || call.Retrieving)
        {
            return;
        }

        Unpark(call);
        call.RingingBack = parked.ParkedBy;
        PublishToCampaign(call, $"the park timeout passed: ringing back {parked.ParkedBy}");
        Ring(call.CallId, parked.InteractionId, parked.ParkedBy, inbox.ExtensionsOf(parked.ParkedBy), taken: true);
    }

    /// <summary>The agent rung back did not answer: the call waits in the lot again, or on hold music if it is full.</summary>
    private void RingBackFailed(TelephonyCall call, string agentId)
    {
        call.RingingBack = null;
        if (Park(call, agentId))
        {
            PublishToCampaign(call, $"{agentId} did not answer: parked again in slot {call.Parked!.Slot}");
        }
    }

    /// <summary>Frees the call's slot and its timer (retrieved, rung back, or the call ended).</summary>
    private void Unpark(TelephonyCall call)
    {
        call.ParkTimer?.Dispose();
        call.ParkTimer = null;
        if (call.Parked is { } parked)
        {
            parkingLot.Release(parked);
            call.Parked = null;
        }
    }

    // Parking and retrieving change what every member's parked list shows, not only the agent's own view.
    private void PublishToCampaign(TelephonyCall call, string detail)
    {
        if (call.InteractionId is { } interactionId)
        {
            _ = PublishAsync(interactionId, new CallChanged(ViewOf(call), CallChange.State, 0, detail), campaignWide: true);
        }
    }
}
