namespace Inbox.Media.Sessions;

internal sealed partial class RtpSession
{
    private int _injecting;

    /// <summary>
    /// True while an injected stream (DTMF events for the agent's keypad) owns this leg's output: relayed and
    /// encoded audio toward the far end is held back meanwhile, so the events are not interleaved with speech.
    /// </summary>
    public bool IsInjecting => Volatile.Read(ref _injecting) != 0;

    /// <summary>Claims the leg's output for an injection; false when another injection holds it.</summary>
    internal bool TryBeginInjection() => Interlocked.CompareExchange(ref _injecting, 1, 0) == 0;

    internal void EndInjection() => Volatile.Write(ref _injecting, 0);
}
