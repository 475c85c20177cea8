namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>
/// A visitor in memory: her stored record and the sockets she has open now (one per tab). Change either only while
/// holding <see cref="Gate"/>, which also orders what her sockets are sent.
/// </summary>
internal sealed class Visitor(VisitorRecord record)
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public VisitorRecord Record { get; set; } = record;

    public List<VisitorConnection> Connections { get; } = [];

    public string Id => Record.Id;

    /// <summary>The store has let her go (no tab open): whoever still holds this instance must find her again.</summary>
    public bool LetGo { get; set; }
}
