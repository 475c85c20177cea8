namespace Inbox.MediaServer.Tests.Plugins.Email;

/// <summary>The e-mail tests share one Postfix and Dovecot and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class MailServersDefinition : ICollectionFixture<MailServers>
{
    public const string Name = "Mail servers";
}
