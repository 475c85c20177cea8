namespace Inbox.Interactions.Storage;

/// <summary>
/// One step of a store's schema history, applied once in its own transaction and recorded in
/// <c>schema_migrations</c>. Steps are only ever appended: a released step never changes.
/// </summary>
internal sealed record SchemaMigration(int Version, string Sql)
{
    public static int Latest(IReadOnlyList<SchemaMigration> steps) => steps[^1].Version;

    /// <summary>Refuses a database written by a newer build, which this one could corrupt.</summary>
    public static InvalidOperationException NewerThanBuild(long found, int known) =>
        new($"The database schema version {found} is newer than this build ({known}); upgrade the server.");
}
