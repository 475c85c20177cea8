namespace Inbox.MediaServer.Tests.Plugins.Email;

/// <summary>Waits for what mail servers do in their own time: generous, and no timing asserted.</summary>
internal static class Eventually
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    public static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    public static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out after {s_patience.TotalSeconds} s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
