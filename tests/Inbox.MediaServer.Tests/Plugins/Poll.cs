using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins;

/// <summary>Waiting on the real server as an agent's UI would: by asking again until the answer comes.</summary>
internal static class Poll
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>One message of an interaction, as ListMessages has it now.</summary>
    public static async Task<V1.Message> MessageAsync(AgentApi agent, string interactionId, string messageId) =>
        (await agent.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = interactionId }, agent.Auth)).Messages.Single(m => m.Id == messageId);
}
