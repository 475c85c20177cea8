using Inbox.Interactions.Calls;
using Inbox.Media.Dtmf;
using Inbox.Telephony.Features;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A call's features over its life: started once the legs are first bridged, kept in step with mute, hold and park,
/// and taken down when the call ends, when the quality summary is filed on the interaction (the windows it sums are
/// routed by <c>CallHandler.LegQuality.cs</c>).
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>
    /// The legs were just bridged: at the first bridge the call gets its features (taps, quality tallies and, when the
    /// campaign records, the recording); a later bridge (after park) gets the agent's side again.
    /// </summary>
    private void StartFeatures(TelephonyCall call)
    {
        var callId = call.CallId;
        var interactionId = call.InteractionId!;
        Action<DtmfDigit> onDigit = digit => TryPost(callId, () => OnCustomerDigit(call, digit.Digit, digit.Duration, "RFC 4733"));
        if (call.Features is { } current)
        {
            features.Attach(current, call.Bridge!, onDigit);
            return;
        }

        var started = features.Start(call.Bridge!, call.CampaignId, interactionId, onDigit);
        call.Features = started;
        if (started.Recording is { } recording)
        {
            TelephonyFeatureLog.RecordingStarted(logger, callId, interactionId, recording.RelativePath);
            _ = FileRecordingAsync(call, started, interactionId, recording.RelativePath);
        }
    }

    /// <summary>The agent's leg is leaving while the call goes on (park): her side is no longer tallied or recorded.</summary>
    private void DetachFeatures(TelephonyCall call)
    {
        if (call.Features is { } current)
        {
            features.Detach(current);
        }
    }

    /// <summary>The call is ending: nothing more is scored, sent or recorded; the summary goes to the interaction.</summary>
    private void StopFeatures(TelephonyCall call)
    {
        if (call.Features is not { } ending)
        {
            return;
        }

        call.Features = null;
        _ = CloseFeaturesAsync(ending);
        if (call.InteractionId is { } interactionId && ending.QualitySummary() is { } summary)
        {
            _ = FileQualityAsync(call.CallId, interactionId, summary);
        }
    }

    // Stored before the call shows as recorded (the interaction is what survives a crash); a failure stops the recording.
    private async Task FileRecordingAsync(TelephonyCall call, CallFeatures filed, string interactionId, string path)
    {
        Exception? failure = null;
        try
        {
            await inbox.RecordingStartedAsync(interactionId, path, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        TryPost(call.CallId, () =>
        {
            if (failure is not null)
            {
                TelephonyLog.InboxFailed(logger, call.CallId, "store the recording's path", failure);
                _ = filed.Recording!.StopAsync();
                return;
            }

            filed.RecordingFiled = true;
            if (ReferenceEquals(call.Features, filed))
            {
                Publish(call, CallChange.State, detail: "the call is being recorded");
            }
        });
    }

    private async Task CloseFeaturesAsync(CallFeatures ending)
    {
        try
        {
            await features.StopAsync(ending).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            TelephonyFeatureLog.RecordingFailed(logger, ending.Recording?.RelativePath ?? string.Empty, e);
        }
    }

    private async Task FileQualityAsync(string callId, string interactionId, CallQualitySummary summary)
    {
        try
        {
            await inbox.CallQualityAsync(interactionId, summary, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            TelephonyLog.InboxFailed(logger, callId, "store the call's quality summary", e);
        }
    }
}
