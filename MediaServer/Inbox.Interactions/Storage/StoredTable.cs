using System.Data;
using System.Text;

namespace Inbox.Interactions.Storage;

/// <summary>A table's name, its columns in the order <see cref="StoredRows"/> gives their values, and its upsert.</summary>
internal sealed class StoredTable
{
    public StoredTable(string name, string[] columns)
    {
        Name = name;
        Columns = columns;
        Upsert = BuildUpsert(name, columns);
    }

    public string Name { get; }

    /// <summary>The columns; the first is the id, the upsert's conflict target.</summary>
    public string[] Columns { get; }

    /// <summary>
    /// <c>INSERT ... ON CONFLICT (id) DO UPDATE SET</c> every other column, with parameters <c>@p0</c>, <c>@p1</c>...
    /// in column order: the same statement in SQLite (3.24+) and PostgreSQL (9.5+).
    /// </summary>
    public string Upsert { get; }

    public static string Parameter(int index) => $"@p{index}";

    /// <summary>
    /// A column's type: the <c>*_at</c> columns are times, stored as integers (see <see cref="StoredValue"/>), the rest
    /// text. Explicit so that a null has one too: PostgreSQL must know a parameter's type to prepare it.
    /// </summary>
    public DbType TypeOf(int column) => Columns[column].EndsWith("_at", StringComparison.Ordinal) ? DbType.Int64 : DbType.String;

    private static string BuildUpsert(string name, string[] columns)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(name).Append(" (").AppendJoin(", ", columns).Append(") VALUES (");
        for (var i = 0; i < columns.Length; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(Parameter(i));
        }

        sql.Append(") ON CONFLICT (").Append(columns[0]).Append(") DO UPDATE SET ");
        for (var i = 1; i < columns.Length; i++)
        {
            sql.Append(i == 1 ? string.Empty : ", ").Append(columns[i]).Append(" = excluded.").Append(columns[i]);
        }

        return sql.ToString();
    }
}
