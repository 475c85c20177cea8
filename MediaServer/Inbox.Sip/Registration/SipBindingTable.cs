using System.Collections.Concurrent;
using System.Globalization;
using Inbox.Sip.Messages;
using Microsoft.Extensions.Options;

namespace Inbox.Sip.Registration;

/// <summary>
/// The location service (RFC 3261 §10.3 steps 6–8): bindings per address of record, kept in memory for lookups and
/// written through to the store before a REGISTER is answered. Thread-safe; changes to one AOR are serialised.
/// </summary>
internal sealed class SipBindingTable(ISipBindingStore store, IOptions<SipRegistrarOptions> options, TimeProvider timeProvider)
{
    private readonly SipRegistrarOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, IReadOnlyList<SipBinding>> _bindings = new(StringComparer.OrdinalIgnoreCase);

    // Changes to one AOR are serialised by one of a fixed set of gates: bounded memory however many extensions come
    // and go, at the price of two AORs occasionally sharing a gate.
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var group in (await store.LoadAsync(cancellationToken).ConfigureAwait(false)).GroupBy(b => b.AddressOfRecord, StringComparer.OrdinalIgnoreCase))
        {
            _bindings[group.Key] = [.. group.Where(b => b.ExpiresAt > now)];
        }
    }

    /// <summary>The live contacts of an address of record, most recently refreshed first.</summary>
    public IReadOnlyList<SipBinding> Lookup(string addressOfRecord)
    {
        var now = timeProvider.GetUtcNow();
        return _bindings.TryGetValue(addressOfRecord, out var bindings)
            ? [.. bindings.Where(b => b.ExpiresAt > now).OrderByDescending(b => b.UpdatedAt)]
            : [];
    }

    public async Task<RegistrationOutcome> ApplyAsync(RegistrationRequest request, CancellationToken cancellationToken)
    {
        var gate = _gates[(uint)StringComparer.OrdinalIgnoreCase.GetHashCode(request.AddressOfRecord) % (uint)_gates.Length];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = timeProvider.GetUtcNow();
            var current = Lookup(request.AddressOfRecord).ToList();
            if (request.Contacts.Count == 0)
            {
                return RegistrationOutcome.Ok(current);
            }

            var outcome = request.Contacts.Any(c => c.IsWildcard)
                ? RemoveAll(request, current)
                : Update(request, current, now);
            if (outcome is not null)
            {
                return outcome;
            }

            await store.SaveAsync(request.AddressOfRecord, current, cancellationToken).ConfigureAwait(false);
            _bindings[request.AddressOfRecord] = current;
            return RegistrationOutcome.Ok(Lookup(request.AddressOfRecord));
        }
        finally
        {
            gate.Release();
        }
    }

    // RFC 3261 §10.3 step 6: "*" must stand alone with Expires: 0.
    private static RegistrationOutcome? RemoveAll(RegistrationRequest request, List<SipBinding> current)
    {
        if (request.Contacts.Count != 1 || request.Expires != 0)
        {
            return RegistrationOutcome.Rejected(400, "Wildcard Contact requires Expires: 0 and no other contact");
        }

        if (current.Any(b => IsOutOfOrder(b, request)))
        {
            return RegistrationOutcome.Rejected(500, "Out-of-order REGISTER");
        }

        current.Clear();
        return null;
    }

    private RegistrationOutcome? Update(RegistrationRequest request, List<SipBinding> current, DateTimeOffset now)
    {
        var changes = new List<(SipNameAddress Contact, int Expires)>(request.Contacts.Count);
        foreach (var contact in request.Contacts)
        {
            var expires = ExpiresOf(contact, request.Expires);
            if (expires is null)
            {
                return RegistrationOutcome.Rejected(400, "Malformed expires parameter");
            }

            // RFC 3261 §10.3 step 7: too short an interval is refused with the minimum we accept.
            if (expires > 0 && expires < _options.MinExpires)
            {
                return RegistrationOutcome.Rejected(423, "Interval Too Brief");
            }

            changes.Add((contact, Math.Min(expires.Value, _options.MaxExpires)));
        }

        foreach (var (contact, expires) in changes)
        {
            var key = ContactKey(contact.Uri);
            var existing = current.FindIndex(b => ContactKey(SipUri.Parse(b.Contact)) == key);
            if (existing >= 0)
            {
                if (IsOutOfOrder(current[existing], request))
                {
                    return RegistrationOutcome.Rejected(500, "Out-of-order REGISTER");
                }

                current.RemoveAt(existing);
            }

            if (expires > 0)
            {
                current.Add(new SipBinding(
                    request.AddressOfRecord, contact.Uri.ToString(), now.AddSeconds(expires), request.CallId, request.CSeq,
                    request.Source, request.UserAgent, now));
            }
        }

        // A phone that lost its registration state must not be locked out: the oldest bindings make room.
        while (current.Count > _options.MaxContactsPerAddress)
        {
            current.Remove(current.MinBy(b => b.UpdatedAt)!);
        }

        return null;
    }

    private int? ExpiresOf(SipNameAddress contact, int? headerExpires)
    {
        var parameter = contact.Parameters["expires"];
        if (parameter is null)
        {
            return headerExpires ?? _options.DefaultExpires;
        }

        return int.TryParse(parameter, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    // RFC 3261 §10.3 step 7: the same Call-ID with a CSeq that is not higher is a stale or reordered request.
    private static bool IsOutOfOrder(SipBinding binding, RegistrationRequest request) =>
        binding.CallId == request.CallId && request.CSeq <= binding.CSeq;

    // Contact URIs compare by scheme, user, host (case-insensitive), port and transport (RFC 3261 §19.1.4, simplified).
    private static string ContactKey(SipUri uri) =>
        string.Create(CultureInfo.InvariantCulture, $"{uri.Scheme}:{uri.User}@{uri.Host.ToLowerInvariant()}:{uri.Port}/{uri.Transport?.ToLowerInvariant()}");
}
