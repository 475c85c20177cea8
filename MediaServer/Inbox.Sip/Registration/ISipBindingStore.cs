namespace Inbox.Sip.Registration;

/// <summary>Durable storage for registrations, so that phones stay reachable across a restart.</summary>
internal interface ISipBindingStore
{
    /// <summary>Every stored binding, expired ones included (the registrar drops those).</summary>
    Task<IReadOnlyList<SipBinding>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the bindings of one address of record atomically.</summary>
    Task SaveAsync(string addressOfRecord, IReadOnlyList<SipBinding> bindings, CancellationToken cancellationToken);
}
