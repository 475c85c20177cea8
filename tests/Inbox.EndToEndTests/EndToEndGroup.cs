namespace Inbox.EndToEndTests;

/// <summary>End-to-end tests run one at a time: each starts a server and peers, and the machine has two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndGroup
{
    public const string Name = "End-to-end";
}
