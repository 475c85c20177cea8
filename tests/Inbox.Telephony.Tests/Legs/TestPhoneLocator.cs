using System.Collections.Concurrent;
using Inbox.Telephony.Legs;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>Phones registered per extension, set by the test instead of a REGISTER.</summary>
internal sealed class TestPhoneLocator : IAgentPhoneLocator
{
    public ConcurrentDictionary<string, List<AgentPhone>> Registered { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<AgentPhone> Find(IReadOnlyList<string> extensions) =>
        [.. extensions.SelectMany(e => Registered.TryGetValue(e, out var phones) ? phones : [])];
}
