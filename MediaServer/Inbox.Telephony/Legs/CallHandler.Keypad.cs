using System.Text;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;
using Inbox.Media.Dtmf;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Telephony.Features;

namespace Inbox.Telephony.Legs;

/// <summary>
/// The keypad both ways. The agent's digits go to the customer as RFC 4733 telephone events when her side negotiated
/// them, else as SIP INFO (application/dtmf-relay) in her dialog, one digit per request. The customer's digits (RFC 4733
/// on her leg, or INFO in her dialog) are streamed to the agent as <see cref="DtmfReceived"/> while an agent is
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
            if (call.Features is { } current && call.CustomerMedia is { } customer && (current.CustomerKeypad ??= features.Keypad(customer)) is { } keypad)
            {
                keypad.Enqueue(digits);
                TelephonyFeatureLog.DigitsSent(logger, callId, digits.Length, "RFC 4733 events");
            }
            else
            {
                TelephonyFeatureLog.DigitsSent(logger, callId, digits.Length, "SIP INFO");
                _ = SendInfoDigitsAsync(callId, digits);
            }

            return ViewOf(call);
        });
    }

    /// <summary>
    /// An INFO: DTMF from the customer's dialog is taken (200); an INFO on an agent's leg or without a body is
    /// answered 200 and ignored, another body type 415 (RFC 6086 §4.2.2 for legacy INFO), an unknown dialog 481.
    /// </summary>
    public async Task HandleInfoAsync(SipRequest info, SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        var status = 200;
        if (calls.TryGetInbound(info.CallId, out var call) && call.Owns(info) && !call.IsEnded)
        {
            if (!info.Body.IsEmpty)
            {
                if (DtmfInfoParser.TryParse(info.GetHeader(SipHeaderId.ContentType) ?? string.Empty, info.Body.Span, out var digit))
                {
                    OnCustomerDigit(call, digit.Digit, digit.Duration, "SIP INFO");
                }
                else
                {
                    status = 415;
                }
            }
        }
        else if (!calls.TryGetByOutgoingLeg(info.CallId, out _))
        {
            status = 481;
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

    // One INFO at a time, each after the previous one's final response and the tone's length, so the far end plays
    // them in order and apart.
    private async Task SendInfoDigitsAsync(string callId, string digits)
    {
        foreach (var digit in digits)
        {
            SipResponse? response;
            try
            {
                response = await (await OnCallAsync(callId, call => SendInfo(call as InboundCall, digit)).ConfigureAwait(false)).ConfigureAwait(false);
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

    // In the customer's dialog from our 200; an outbound call's customer leg has no INFO path yet.
    private Task<SipResponse?> SendInfo(InboundCall? call, char digit)
    {
        if (call?.Dialog is not { } dialog)
        {
            return Task.FromResult<SipResponse?>(null);
        }

        var destination = call.Transaction.Source;
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
