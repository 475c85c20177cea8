using Inbox.Interactions.Calls;
using Inbox.Media.Dtmf;
using Inbox.Media.Quality;
using Inbox.Media.Sessions;
using Inbox.Telephony.Features;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A call's features over its life: started once the legs are first bridged, kept in step with mute, hold and park,
/// and taken down when the call ends, when the quality summary is filed on the interaction. Quality windows are streamed
/// to the agent as they come.
/// </summary>
internal sealed partial class CallHandler
{
    /// <summary>
    /// The legs were just bridged: at the first bridge the call gets its features (taps, quality and, when the campaign
    /// records, the recording); a later bridge (after park) gets the agent's side again.
    /// </summary>
    private void StartFeatures(TelephonyCall call)
    {
        var callId = call.CallId;
        var interactionId = call.InteractionId!;
        Action<DtmfDigit> onDigit = digit => TryPost(callId, () => OnCustomerDigit(call, digit.Digit, digit.Duration, "RFC 4733"));
        Action<CallLegRole, QualitySample> onSample = (role, sample) => _executor?.TryPost(callId, () => OnQuality(call, role, sample));
        if (call.Features is { } current)
        {
            features.Attach(current, call.Bridge!, onDigit, onSample);
            return;
        }

        var started = features.Start(call.Bridge!, call.CampaignId, interactionId, onDigit, onSample);
        call.Features = started;
        if (started.Recording is { } recording)
        {
            TelephonyFeatureLog.RecordingStarted(logger, callId, interactionId, recording.RelativePath);
            _ = FileRecordingAsync(call, started, interactionId, recording.RelativePath);
        }
    }

    /// <summary>The agent's leg is leaving while the call goes on (park): her side is no longer watched or recorded.</summary>
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

    // The customer leg's window drives the push, once per interval; the agent leg's latest window rides along.
    private void OnQuality(TelephonyCall call, CallLegRole role, QualitySample sample)
    {
        if (call.Features is not { } current || call.IsEnded)
        {
            return;
        }

        (role == CallLegRole.Customer ? current.CustomerQuality : current.AgentQuality).Add(sample);
        if (role == CallLegRole.Customer)
        {
            Publish(call, CallChange.Quality);
        }
    }

    /// <summary>The latest window of what the server receives on <paramref name="session"/>; null before the first.</summary>
    private static LegQuality? QualityOf(RtpSession? session) =>
        session?.LatestQuality is { } sample
            ? new LegQuality(
                Math.Round(sample.Mos, 2), LegQualityTally.BandOf(sample.Color), Math.Round(sample.LossPercent, 2),
                Math.Round(session.Statistics.JitterDuration.TotalMilliseconds, 1), Math.Round(session.RoundTrip?.TotalMilliseconds ?? 0, 1))
            : null;

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
