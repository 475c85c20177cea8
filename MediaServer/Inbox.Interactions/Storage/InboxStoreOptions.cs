using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace Inbox.Interactions.Storage;

/// <summary>
/// Where interactions, messages and chats are kept (configuration section <c>Storage</c>). Every error names the
/// key to fix.
/// </summary>
internal sealed class InboxStoreOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>The database. Default <see cref="InboxStoreProvider.Sqlite"/>, the file <c>inbox.db</c> in the data folder.</summary>
    public InboxStoreProvider Provider { get; set; } = InboxStoreProvider.Sqlite;

    /// <summary>
    /// The PostgreSQL connection string (Npgsql keywords, e.g. <c>Host=db;Database=inbox;Username=inbox;Password=...</c>);
    /// required with <see cref="InboxStoreProvider.PostgreSql"/> and not allowed with SQLite. Default none. Keep the
    /// password out of the configuration files: set it through the environment (<c>Storage__ConnectionString</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        switch (Provider)
        {
            case InboxStoreProvider.Sqlite when !string.IsNullOrWhiteSpace(ConnectionString):
                // Most likely a forgotten Provider: without this the server would quietly use SQLite.
                yield return new ValidationResult(
                    "Storage:ConnectionString is set but Storage:Provider is Sqlite; set Storage:Provider to PostgreSql to use it.",
                    [nameof(ConnectionString)]);
                break;
            case InboxStoreProvider.Sqlite:
                break;
            case InboxStoreProvider.PostgreSql when string.IsNullOrWhiteSpace(ConnectionString):
                yield return new ValidationResult(
                    "Storage:ConnectionString is required when Storage:Provider is PostgreSql.", [nameof(ConnectionString)]);
                break;
            case InboxStoreProvider.PostgreSql:
                if (ParseError(ConnectionString!) is { } error)
                {
                    yield return new ValidationResult(
                        $"Storage:ConnectionString is not a valid PostgreSQL connection string: {error}", [nameof(ConnectionString)]);
                }

                break;
            default:
                yield return new ValidationResult(
                    $"Storage:Provider: '{Provider}' is not supported (use Sqlite or PostgreSql).", [nameof(Provider)]);
                break;
        }
    }

    private static string? ParseError(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }
}
