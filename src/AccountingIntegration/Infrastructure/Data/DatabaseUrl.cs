using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// A parsed <c>DATABASE_URL</c>: <c>sqlite:///relative/file.db</c>, <c>sqlite:////absolute/file.db</c>
/// (SQLAlchemy's convention, which the seed's settings use) or <c>mysql://user:pass@host:3306/db</c>.
/// </summary>
internal sealed record DatabaseUrl(DatabaseProvider Provider, string ConnectionString, string DatabaseName)
{
    public static bool TryParse(string? value, out DatabaseUrl? url, out string? problem)
    {
        url = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = "is empty";
            return false;
        }

        value = value.Trim();
        if (value.StartsWith("sqlite://", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseSqlite(value["sqlite://".Length..], out url, out problem);
        }

        foreach (var scheme in new[] { "mysql://", "mariadb://", "mysql+aiomysql://" })
        {
            if (value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return TryParseMySql("mysql://" + value[scheme.Length..], out url, out problem);
            }
        }

        problem = "must start with sqlite:// or mysql://";
        return false;
    }

    public static DatabaseUrl Parse(string value) =>
        TryParse(value, out var url, out var problem)
            ? url!
            : throw new FormatException($"DATABASE_URL {problem}.");

    private static bool TryParseSqlite(string rest, out DatabaseUrl? url, out string? problem)
    {
        url = null;
        problem = null;
        // "sqlite:///data/x.db" leaves "/data/x.db": one leading slash means relative, two mean absolute.
        if (!rest.StartsWith('/'))
        {
            problem = "for SQLite must look like sqlite:///path/to/file.db";
            return false;
        }

        var path = rest[1..];
        if (path.Length == 0 || path.EndsWith('/'))
        {
            problem = "for SQLite names no database file";
            return false;
        }

        var fullPath = Path.GetFullPath(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        url = new DatabaseUrl(DatabaseProvider.Sqlite, connectionString, fullPath);
        return true;
    }

    private static bool TryParseMySql(string value, out DatabaseUrl? url, out string? problem)
    {
        url = null;
        problem = null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            problem = "for MySQL must look like mysql://user:password@host:3306/database";
            return false;
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length == 0)
        {
            problem = "for MySQL names no database (mysql://user:password@host:3306/database)";
            return false;
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new MySqlConnectionStringBuilder
        {
            Server = uri.Host,
            Port = uri.Port > 0 ? (uint)uri.Port : 3306,
            Database = Uri.UnescapeDataString(database),
            UserID = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : string.Empty,
            // Every timestamp we write is UTC; reading it back as UTC keeps round trips exact.
            DateTimeKind = MySqlDateTimeKind.Utc,
            AllowUserVariables = true,
            Pooling = true,
            MaximumPoolSize = 200,
            CharacterSet = "utf8mb4",
            // A frozen or unreachable server fails a request in 5 s (503 DATABASE_UNAVAILABLE) instead of
            // holding it for the driver's 15 s default; ?ConnectionTimeout= below overrides it.
            ConnectionTimeout = 5,
        };

        // Query-string options (?SslMode=None&MaximumPoolSize=50) pass through to the driver.
        var query = uri.Query.TrimStart('?');
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            try
            {
                builder[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
            }
            catch (ArgumentException)
            {
                problem = $"has an unknown MySQL option '{Uri.UnescapeDataString(kv[0])}'";
                return false;
            }
        }

        url = new DatabaseUrl(DatabaseProvider.MySql, builder.ConnectionString, builder.Database);
        return true;
    }

    /// <summary>For logs and health output: never the password.</summary>
    public override string ToString() => Provider == DatabaseProvider.Sqlite
        ? $"sqlite ({DatabaseName})"
        : $"mysql ({new MySqlConnectionStringBuilder(ConnectionString).Server}/{DatabaseName})";
}
