using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Interactions;

public sealed class MessageStatusRulesTests
{
    [Theory]
    [InlineData("Sending", "Sent", true)]
    [InlineData("Sending", "Read", true)]
    [InlineData("Sent", "Delivered", true)]
    [InlineData("Delivered", "Read", true)]
    [InlineData("Sending", "Failed", true)]
    [InlineData("Sent", "Failed", true)]
    [InlineData("Read", "Delivered", false)]
    [InlineData("Delivered", "Sent", false)]
    [InlineData("Delivered", "Failed", false)]
    [InlineData("Failed", "Sent", false)]
    [InlineData("Read", "Read", false)]
    [InlineData("Received", "Read", false)]
    [InlineData("Sending", "Received", false)]
    public void CanMove_FromTo_OnlyForward(string from, string to, bool allowed)
    {
        Assert.Equal(allowed, MessageStatusRules.CanMove(Enum.Parse<MessageStatus>(from), Enum.Parse<MessageStatus>(to)));
    }
}
