using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Telephony.Legs;

/// <summary>
/// How call control sends what it starts itself: requests in client transactions (their outcome only logged when
/// nobody waits for it), stateless ACKs, and the local end point, host and Via it sends them from towards a destination.
/// </summary>
internal sealed partial class CallHandler
{
    private void StartClientTransaction(SipRequest request, SipEndPoint destination)
    {
        try
        {
            var completion = _client!.SendRequest(request, destination).Completion;
            _ = completion.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            Drain(completion);
        }
        catch (InvalidOperationException e)
        {
            TelephonyLog.SendFailed(logger, request.CallId, e);
        }
    }

    private async Task SendStatelessAsync(TelephonyCall call, SipMessage message, SipEndPoint destination)
    {
        try
        {
            await _client!.SendStatelessAsync(message, destination).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SipTransportException or OperationCanceledException)
        {
            TelephonyLog.SendFailed(logger, call.CallId, e);
        }
    }

    private SipEndPoint LocalFor(SipEndPoint destination)
    {
        var locals = _client!.LocalEndPoints;
        foreach (var local in locals)
        {
            if (local.Protocol == destination.Protocol && local.Address.AddressFamily == destination.Address.AddressFamily)
            {
                return local;
            }
        }

        return locals[0];
    }

    private static string HostOf(SipEndPoint local) =>
        local.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local.Address.Address}]" : local.Address.Address.ToString();

    private static SipVia NewVia(SipEndPoint local)
    {
        var parameters = new SipParameters();
        parameters.Set("branch", SipBranch.Create());
        parameters.Set("rport", null);
        return new SipVia(local.Protocol.ToString().ToUpperInvariant(), HostOf(local), local.Address.Port, parameters);
    }
}
