using System.Globalization;
using System.Net;
using Inbox.Sip.Registration;
using Inbox.Sip.Transport;

namespace Inbox.MediaServer.Storage;

/// <summary>Registrations in the embedded database, so phones stay reachable across a restart.</summary>
internal sealed class SqliteBindingStore(InboxDatabase database) : ISipBindingStore
{
    public async Task<IReadOnlyList<SipBinding>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT aor, contact, expires_at, call_id, cseq, source, user_agent, updated_at FROM sip_bindings";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var bindings = new List<SipBinding>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            bindings.Add(new SipBinding(
                reader.GetString(0),
                reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3),
                reader.GetInt64(4),
                ParseEndPoint(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
        }

        return bindings;
    }

    public async Task SaveAsync(string addressOfRecord, IReadOnlyList<SipBinding> bindings, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM sip_bindings WHERE aor = $aor";
            delete.Parameters.AddWithValue("$aor", addressOfRecord);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var binding in bindings)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO sip_bindings (aor, contact, expires_at, call_id, cseq, source, user_agent, updated_at)
                VALUES ($aor, $contact, $expires, $callId, $cseq, $source, $userAgent, $updated)
                """;
            insert.Parameters.AddWithValue("$aor", addressOfRecord);
            insert.Parameters.AddWithValue("$contact", binding.Contact);
            insert.Parameters.AddWithValue("$expires", binding.ExpiresAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$callId", binding.CallId);
            insert.Parameters.AddWithValue("$cseq", binding.CSeq);
            insert.Parameters.AddWithValue("$source", FormatEndPoint(binding.Source));
            insert.Parameters.AddWithValue("$userAgent", (object?)binding.UserAgent ?? DBNull.Value);
            insert.Parameters.AddWithValue("$updated", binding.UpdatedAt.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static string FormatEndPoint(SipEndPoint endPoint) =>
        string.Create(CultureInfo.InvariantCulture, $"{endPoint.Protocol.ToString().ToLowerInvariant()}:{endPoint.Address}");

    internal static SipEndPoint ParseEndPoint(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var protocol = Enum.Parse<SipTransportProtocol>(text[..colon], ignoreCase: true);
        return new SipEndPoint(protocol, IPEndPoint.Parse(text[(colon + 1)..]));
    }
}
