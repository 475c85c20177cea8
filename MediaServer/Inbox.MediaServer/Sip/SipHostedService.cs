using Inbox.MediaServer.Storage;
using Inbox.Sip.Registration;
using Inbox.Sip.Stack;
using Inbox.Sip.Transport;

namespace Inbox.MediaServer.Sip;

/// <summary>
/// Brings SIP up and down with the host: the database schema and saved registrations first, then the sockets
/// (a port in use fails start-up), and on stop the sockets close before the executors drain.
/// </summary>
internal sealed class SipHostedService(
    InboxDatabase database, SipBindingTable bindings, SipTransportLayer transport, SipStack stack)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await bindings.LoadAsync(cancellationToken).ConfigureAwait(false);
        transport.Start(stack);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await transport.StopAsync().ConfigureAwait(false);
        await stack.DisposeAsync().ConfigureAwait(false);
    }
}
