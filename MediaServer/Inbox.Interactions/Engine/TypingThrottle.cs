namespace Inbox.Interactions.Engine;

/// <summary>
/// Lets an agent's typing through at most once per <see cref="Window"/> per interaction. Agent UIs may send the signal
/// on every keystroke, while each one passed on costs a provider call (on Messenger a Send API request, counted
/// against the Page's rate limit) or a frame to every tab the visitor has open; providers keep the indicator up for
/// longer than the window (Messenger 20 s, the web chat widget 8 s), so one every few seconds keeps it on screen for
/// as long as she types. Not thread-safe: used under the engine's gate.
/// </summary>
internal sealed class TypingThrottle
{
    private readonly Dictionary<string, DateTimeOffset> _lastPassed = new(StringComparer.Ordinal);

    public static TimeSpan Window { get; } = TimeSpan.FromSeconds(5);

    /// <summary>True when the interaction's typing should go to the channel now; it then starts a new window.</summary>
    public bool TryPass(string interactionId, DateTimeOffset now)
    {
        if (_lastPassed.TryGetValue(interactionId, out var last) && now - last < Window)
        {
            return false;
        }

        // An entry older than the window throttles nothing: dropping them here keeps only the interactions typed in lately.
        foreach (var (id, passed) in _lastPassed)
        {
            if (now - passed >= Window)
            {
                _lastPassed.Remove(id);
            }
        }

        _lastPassed[interactionId] = now;
        return true;
    }
}
