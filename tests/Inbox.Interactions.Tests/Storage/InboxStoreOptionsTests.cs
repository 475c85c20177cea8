using System.ComponentModel.DataAnnotations;
using Inbox.Interactions.Storage;

namespace Inbox.Interactions.Tests.Storage;

public sealed class InboxStoreOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValidSqlite()
    {
        var options = new InboxStoreOptions();

        Assert.Equal(InboxStoreProvider.Sqlite, options.Provider);
        Assert.Empty(Errors(options));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Validate_PostgreSqlWithoutConnectionString_NamesTheKey(string? connectionString)
    {
        var options = new InboxStoreOptions { Provider = InboxStoreProvider.PostgreSql, ConnectionString = connectionString };

        Assert.Equal(["Storage:ConnectionString is required when Storage:Provider is PostgreSql."], Errors(options));
    }

    [Fact]
    public void Validate_PostgreSqlWithConnectionString_IsValid()
    {
        var options = new InboxStoreOptions { Provider = InboxStoreProvider.PostgreSql, ConnectionString = "Host=db;Database=inbox;Username=inbox" };

        Assert.Empty(Errors(options));
    }

    [Fact]
    public void Validate_MalformedConnectionString_NamesTheKey()
    {
        var options = new InboxStoreOptions { Provider = InboxStoreProvider.PostgreSql, ConnectionString = "Hots=db" };

        Assert.StartsWith("Storage:ConnectionString is not a valid PostgreSQL connection string:", Assert.Single(Errors(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionStringWithSqlite_AsksForTheProvider()
    {
        var options = new InboxStoreOptions { ConnectionString = "Host=db" };

        Assert.Contains("set Storage:Provider to PostgreSql", Assert.Single(Errors(options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownProvider_NamesTheKey()
    {
        var options = new InboxStoreOptions { Provider = (InboxStoreProvider)7 };

        Assert.StartsWith("Storage:Provider:", Assert.Single(Errors(options)), StringComparison.Ordinal);
    }

    private static string[] Errors(InboxStoreOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(x => x.ErrorMessage ?? string.Empty)];
    }
}
