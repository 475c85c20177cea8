using System.Text;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;
using Inbox.Media.Dtmf;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Telephony.Features;

namespace Inbox.Telephony.Legs;

/// <summary>
/// The keypad both ways. The agent's digits (from her UI, or INFO from her phone) go to the customer as RFC 4733
/// telephone events when her side negotiated them, else as SIP INFO (application/dtmf-relay) in her dialog (the
/// caller's, or the trunk's for a call the agent placed), one digit per request. The customer's digits (RFC 4733 on
/// her leg, or INFO in her dialog) are streamed to the agent as <see cref="DtmfReceived"/> while an agent is
/// connected, and regenerated toward the agent's phone while the two are talking (not on hold).
/// </summary>
internal sealed partial class CallHandler
{
    private const string DtmfRelay = "application/dtmf-relay";

    /// <summary>Sends <paramref name="digits"/> (0-9, *, #, A-D; at most 32) to the customer; they go out in order after the call returns.</summary>
    public Task<CallView> SendDtmfAsync(string callId, string digits)
    {
        DtmfDigits.Validate(digits);
        return OnCallAsync(callId, call =>
        {
            RequireConnected(call, "send digits");
            SendDigitsToCustomer(call, digits);
            return ViewOf(call);
        });
    }

    private void SendDigitsToCustomer(TelephonyCall call, string digits)
    {
        if (call.Features is { } current && call.CustomerMedia is { } customer && (current.CustomerKeypad ??= features.Keypad(customer)) is { } keypad)
        {
            keypad.Enqueue(digits);
            TelephonyFeatureLog.DigitsSent(logger, call.CallId, digits.Length, "RFC 4733 events");
        }
        else
        {
            TelephonyFeatureLog.DigitsSent(logger, call.CallId, digits.Length, "SIP INFO");
            _ = SendInfoDigitsAsync(call.CallId, digits);
        }
    }

    /// <summary>
    /// An INFO: DTMF from the customer's dialog (the caller's, or the trunk's of a call the agent placed) is a key the
    /// customer pressed, and DTMF from an agent's phone goes on to the customer; both 200. One without a body is
    /// answered 200 and ignored, another body type 415 (RFC 6086 §4.2.2 for legacy INFO), an unknown dialog 481.
    /// </summary>
    public async Task HandleInfoAsync(SipRequest info, SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        // Runs on the executor of the INFO's Call-ID: a trunk's or a phone's leg posts to the call that owns it.
        Action<DtmfDigit>? pressed = null;
        var known = true;
        if (calls.TryGetInbound(info.CallId, out var call) && call.Owns(info) && !call.IsEnded)
        {
            pressed = digit => OnCustomerDigit(call, digit.Digit, digit.Duration, "SIP INFO");
        }
        else if (calls.TryGetByTrunkLeg(info.CallId, out var owner, out var trunkLeg))
        {
            pressed = owner is OutboundCall outbound && string.Equals(info.To.Tag, trunkLeg.LocalTag, StringComparison.Ordinal)
                ? digit => TryPost(owner.CallId, () =>
                {
                    if (ReferenceEquals(outbound.Customer, trunkLeg))
                    {
                        OnCustomerDigit(outbound, digit.Digit, digit.Duration, "SIP INFO");
                    }
                })
                : null;
        }
        else if (calls.TryGetByOutgoingLeg(info.CallId, out var served))
        {
            pressed = digit => TryPost(served.CallId, () => OnAgentPhoneDigit(served, info.CallId, digit.Digit));
        }
        else
        {
            known = false;
        }

        var status = known ? 200 : 481;
        if (status == 200 && !info.Body.IsEmpty)
        {
            if (DtmfInfoParser.TryParse(info.GetHeader(SipHeaderId.ContentType) ?? string.Empty, info.Body.Span, out var digit))
            {
                pressed?.Invoke(digit);
            }
            else
            {
                status = 415;
            }
        }

        var response = SipResponseFactory.CreateBuilder(info, status, source: transaction.Source.Address);
        if (status == 415)
        {
            response.Header(SipHeaderId.Accept, DtmfRelay + ", application/dtmf");
        }

        await transaction.SendResponseAsync(response.BuildResponse(), cancellationToken).ConfigureAwait(false);
    }

    private void OnCustomerDigit(TelephonyCall call, char digit, TimeSpan duration, string via)
    {
        if (call.IsEnded || call.Bridge is null || call.InteractionId is not { } interactionId)
        {
            return;
        }

        var durationMs = (int)duration.TotalMilliseconds;
        TelephonyFeatureLog.DigitReceived(logger, call.CallId, durationMs, via);
        _ = PublishAsync(interactionId, new DtmfReceived(interactionId, digit, durationMs));
        if (!call.OnHold && !call.HeldByPhone && call.Features is { } current
            && (current.AgentKeypad ??= features.Keypad(call.Bridge.Agent)) is { } keypad)
        {
            keypad.Enqueue(digit.ToString());
        }
    }

    // A key pressed on the agent's phone, sent as INFO: it goes on to the customer while the two are talking.
    private void OnAgentPhoneDigit(TelephonyCall call, string legCallId, char digit)
    {
        if (call.IsEnded || call.Bridge is null || call.OnHold || call.HeldByPhone || call.Agent?.CallId != legCallId)
        {
            return;
        }

        SendDigitsToCustomer(call, digit.ToString());
    }

    // One INFO at a time, each after the previous one's final response and the tone's length, so the far end plays
    // them in order and apart.
    private async Task SendInfoDigitsAsync(string callId, string digits)
    {
        foreach (var digit in digits)
        {
            SipResponse? response;
            try
            {
                response = await (await OnCallAsync(callId, call => SendInfo(call, digit)).ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (Interactions.Errors.InboxException)
            {
                return; // The call ended meanwhile, or the customer's side is gone.
            }

            if (response is not { IsSuccess: true })
            {
                TelephonyFeatureLog.InfoRefused(logger, callId, response?.StatusCode ?? 0);
                return;
            }

            await Task.Delay(DtmfSender.DefaultDuration + DtmfSender.MinimumGap, timeProvider).ConfigureAwait(false);
        }
    }

    // In the customer's dialog: the caller's from our 200, or the trunk's from its 200 for a call the agent placed.
    private Task<SipResponse?> SendInfo(TelephonyCall call, char digit)
    {
        var (dialog, destination) = call switch
        {
            InboundCall { Dialog: { } caller } inbound => (caller, inbound.Transaction.Source),
            OutboundCall { Customer: { Dialog: { } trunk, Destination: { } address } } => (trunk, address),
            _ => (null, default),
        };
        if (dialog is null)
        {
            return Task.FromResult<SipResponse?>(null);
        }

        var body = Encoding.ASCII.GetBytes($"Signal={digit}\r\nDuration={(int)DtmfSender.DefaultDuration.TotalMilliseconds}\r\n");
        var request = dialog.CreateRequest(SipMethod.Info, NewVia(LocalFor(destination))).BuildRequest(body, DtmfRelay);
        try
        {
            return _client!.SendRequest(request, destination).Completion.ContinueWith(
                static t => t.IsCompletedSuccessfully ? t.Result : null, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        catch (InvalidOperationException e)
        {
            TelephonyLog.SendFailed(logger, call.CallId, e);
            return Task.FromResult<SipResponse?>(null);
        }
    }
}
