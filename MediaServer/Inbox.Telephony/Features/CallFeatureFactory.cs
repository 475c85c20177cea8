using Inbox.Media.Bridging;
using Inbox.Media.Clock;
using Inbox.Media.Dtmf;
using Inbox.Media.Sessions;
using Inbox.Telephony.Legs;

namespace Inbox.Telephony.Features;

/// <summary>
/// Equips a call at its first bridge (<see cref="Start"/>), re-equips each later bridge (<see cref="Attach"/>: a call
/// retrieved from the park lot, transferred, or returned from a transfer), lets go of the agent's side when she leaves (<see cref="Detach"/>) and takes it
/// all down at the end (<see cref="StopAsync"/>): the taps on each leg's <see cref="LegFront"/> (the customer's DTMF,
/// the recording's decoders), the keypads on the media clock, the recording, and which session is the agent's side of
/// the quality summary (the legs themselves are scored from answer to end by call control, <c>CallHandler.LegQuality.cs</c>).
/// Thread-safe; each call's features are touched only on its executor.
/// </summary>
/// <remarks>
/// The customer's RFC 4733 events stop at her leg's tap and are regenerated toward the agent's phone with the phone's
/// own payload type, as a B2BUA such as Asterisk or FreeSWITCH does: relayed as they are, they would carry the
/// customer's payload type and clock, and a transcoded bridge would drop them.
/// </remarks>
internal sealed class CallFeatureFactory(CallRecordings recordings, MediaClock clock, TimeProvider timeProvider)
{
    /// <param name="onCustomerDigit">A key the customer pressed (RFC 4733); called on her leg's receive loop, must not block.</param>
    public CallFeatures Start(CallBridge bridge, string campaignId, string interactionId, Action<DtmfDigit> onCustomerDigit)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        var features = new CallFeatures(bridge.Customer.Session)
        {
            Recording = recordings.TryStart(campaignId, interactionId, bridge.Customer, bridge.Agent),
        };
        Attach(features, bridge, onCustomerDigit);
        return features;
    }

    /// <summary>Taps a new bridge of the call (after park, a transfer or its return); its agent's leg is the agent's side now.</summary>
    public void Attach(CallFeatures features, CallBridge bridge, Action<DtmfDigit> onCustomerDigit)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(bridge);

        // Whoever was bridged before (an agent who hung up during a transfer) is let go first.
        Detach(features);
        var (customer, agent) = (bridge.Customer, bridge.Agent);
        IRtpPacketHandler? customerTap = null;
        if (customer.Media.TelephoneEventPayloadType is { } events)
        {
            customerTap = new DtmfTap((byte)events, customer.Media.Codec.ClockRate, onCustomerDigit, next: null, timeProvider);
            bridge.CustomerFront.ConsumedPayloadType = events;
        }

        if (features.Recording is { } recording)
        {
            customerTap = customerTap is null ? recording.Customer : new PacketTee(customerTap, recording.Customer);
            bridge.AgentFront.Tap = recording.UseAgent(recordings.Decoder(agent, recording.SampleRate));
        }

        bridge.CustomerFront.Tap = customerTap;
        features.AgentSession = agent.Session;
    }

    /// <summary>The agent left and the call goes on (parked): her leg is no longer the agent's side; the recording hears no one.</summary>
    public void Detach(CallFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        features.AgentSession = null;

        if (features.AgentKeypad is { } keypad)
        {
            clock.Unregister(keypad);
            features.AgentKeypad = null;
        }

        features.Recording?.Silence(agent: true, customer: true);
    }

    /// <summary>Stops sending; the recording's file is closed by the returned task.</summary>
    public Task StopAsync(CallFeatures features)
    {
        Detach(features);
        if (features.CustomerKeypad is { } keypad)
        {
            clock.Unregister(keypad);
        }

        return features.Recording?.StopAsync() ?? Task.CompletedTask;
    }

    /// <summary>A keypad into <paramref name="leg"/>, ticking on the media clock until the call's features stop; null when the leg negotiated no telephone events.</summary>
    public DtmfInjector? Keypad(MediaLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (leg.Media.TelephoneEventPayloadType is not { } events)
        {
            return null;
        }

        var keypad = new DtmfInjector(leg.Session, (byte)events, leg.Media.Codec.ClockRate);
        clock.Register(keypad);
        return keypad;
    }
}
