using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

internal sealed partial class SipTransactionLayer
{
    private void OnRequest(SipRequest request, SipEndPoint source)
    {
        if (!TryGetServerKey(request, source, out var key))
        {
            return;
        }

        if (request.Method == SipMethod.Ack)
        {
            // RFC 3261 §17.2.3: an ACK for a non-2xx matches the INVITE's transaction; any other is the TU's.
            if (!_servers.TryGetValue(key, out var invite) || !invite.OnAck(request))
            {
                _user.OnAck(request, source);
            }

            return;
        }

        if (_servers.TryGetValue(key, out var existing))
        {
            existing.OnRetransmission(request);
            return;
        }

        var destination = SipResponseRouting.GetDestination(request, source);
        SipServerTransaction transaction = request.Method == SipMethod.Invite
            ? new SipInviteServerTransaction(key, request, source, destination, _context, _onTerminated, _user)
            : new SipNonInviteServerTransaction(key, request, source, destination, _context, _onTerminated, _user);
        if (!_servers.TryAdd(key, transaction))
        {
            // A retransmission raced this one in on another thread and won.
            if (_servers.TryGetValue(key, out existing))
            {
                existing.OnRetransmission(request);
            }

            return;
        }

        transaction.Start();
        _user.OnRequest(transaction);
    }

    private void OnResponse(SipResponse response, SipEndPoint source)
    {
        SipTransactionKey key;
        try
        {
            key = SipTransactionKey.ForClient(response);
        }
        catch (SipFormatException error)
        {
            SipTransactionLog.MalformedMessageDropped(_logger, source, error.Message);
            return;
        }

        if (_clients.TryGetValue(key, out var transaction))
        {
            transaction.OnResponse(response);
            return;
        }

        SipTransactionLog.StrayResponse(_logger, response.StatusCode, source);
        _user.OnStrayResponse(response, source);
    }

    private bool TryGetServerKey(SipRequest request, SipEndPoint? source, out SipTransactionKey key)
    {
        try
        {
            key = SipTransactionKey.ForServer(request);
            return true;
        }
        catch (SipFormatException error)
        {
            if (source is { } from)
            {
                SipTransactionLog.MalformedMessageDropped(_logger, from, error.Message);
            }

            key = default;
            return false;
        }
    }

    private void Forget(SipTransaction transaction)
    {
        // Remove only this instance: a new transaction may already reuse the key.
        if (transaction is SipServerTransaction server)
        {
            _servers.TryRemove(new KeyValuePair<SipTransactionKey, SipServerTransaction>(server.Key, server));
        }
        else if (transaction is SipClientTransaction client)
        {
            _clients.TryRemove(new KeyValuePair<SipTransactionKey, SipClientTransaction>(client.Key, client));
        }
    }
}
