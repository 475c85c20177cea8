using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Interactions;

public sealed class CustomerAddressTests
{
    [Theory]
    [InlineData("WhatsApp", "+55 (11) 99999-0001", "+5511999990001")]
    [InlineData("Sms", " 5511999990001 ", "5511999990001")]
    [InlineData("Telephony", "1002", "1002")]
    [InlineData("Email", " client@example.com ", "client@example.com")]
    [InlineData("WebChat", "visitor-42", "visitor-42")]
    public void Normalize_Valid_OneSpelling(string channel, string address, string expected)
    {
        Assert.Equal(expected, CustomerAddress.Normalize(Enum.Parse<ChannelKind>(channel), address));
    }

    [Theory]
    [InlineData("Sms", "12")]
    [InlineData("WhatsApp", "+55 11 abc")]
    [InlineData("Email", "client@")]
    [InlineData("Email", "a b@example.com")]
    [InlineData("Messenger", "   ")]
    public void Normalize_Invalid_InvalidArgument(string channel, string address)
    {
        var refused = Assert.Throws<InboxException>(() => CustomerAddress.Normalize(Enum.Parse<ChannelKind>(channel), address));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
    }
}
