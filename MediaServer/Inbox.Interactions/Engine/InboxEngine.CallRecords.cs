using Inbox.Interactions.Calls;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>
/// What call control files on a call's interaction: where its recording is and, once it is over, how it sounded.
/// Stored like any command (before anyone is told), and accepted on a closed interaction too, since an abandoned
/// call's interaction closes at once while its media is still being wrapped up.
/// </summary>
internal sealed partial class InboxEngine
{
    /// <summary>Records where the call's recording is being written (relative to the data folder).</summary>
    public Task<Interaction> SetRecordingPathAsync(string interactionId, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return UpdateCallAsync(interactionId, interaction => interaction with { RecordingPath = path }, cancellationToken);
    }

    /// <summary>Keeps the call's quality summary on its interaction.</summary>
    public Task<Interaction> SetCallQualityAsync(string interactionId, CallQualitySummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return UpdateCallAsync(interactionId, interaction => interaction with { CallQuality = summary }, cancellationToken);
    }

    private Task<Interaction> UpdateCallAsync(string interactionId, Func<Interaction, Interaction> change, CancellationToken cancellationToken) =>
        RunAsync(async tx =>
        {
            var interaction = tx.TryGet(interactionId, out var staged) ? staged
                : _open.TryGetValue(interactionId, out var open) ? open
                : await _store.FindInteractionAsync(interactionId, cancellationToken).ConfigureAwait(false)
                    ?? throw InboxException.NotFound($"No interaction has id '{interactionId}'.");
            if (interaction.Channel != ChannelKind.Telephony)
            {
                throw InboxException.Precondition($"Interaction {interactionId} is a {interaction.Channel} interaction, not a call.");
            }

            return tx.Put(change(interaction));
        }, cancellationToken);
}
