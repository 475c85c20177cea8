using Inbox.Telephony.Legs;

namespace Inbox.MediaServer.Telephony;

/// <summary>
/// Hangs up the live calls when the host stops (BYE, CANCEL, 503; interactions ended) while SIP can still carry them:
/// registered after <see cref="Sip.SipHostedService"/>, so it stops before the sockets close (hosted services stop in
/// reverse order of registration).
/// </summary>
internal sealed class TelephonyHostedService(CallHandler calls) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => calls.HangUpAllAsync(cancellationToken);
}
