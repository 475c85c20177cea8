using Inbox.Contracts.Channels;
using Inbox.Plugins.WebChat.Protocol;

namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>The agent's typing: to the tabs the visitor has open now, and to nobody else.</summary>
internal sealed partial class WebChatConversations
{
    private static readonly TypingFrame s_typing = new();

    /// <summary>
    /// Tells each of her open widgets the agent is typing. A visitor who is not online is not read from her file: the
    /// signal is not kept for later, as it would be stale by then.
    /// </summary>
    public async Task ShowTypingAsync(AgentTyping typing, CancellationToken cancellationToken)
    {
        if (await VisitorStore.EnterAsync(() => store.FindOnline(typing.CustomerAddress)).ConfigureAwait(false) is not { } visitor)
        {
            return;
        }

        // Sent outside her gate: a stalled tab must not hold up the agent's message behind a typing frame.
        VisitorConnection[] tabs = [.. visitor.Connections];
        store.Leave(visitor);
        foreach (var tab in tabs)
        {
            await tab.SendAsync(s_typing, cancellationToken).ConfigureAwait(false);
        }
    }
}
