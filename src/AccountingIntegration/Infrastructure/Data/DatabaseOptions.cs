using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Infrastructure.Data;

internal sealed class DatabaseOptions
{
    public const string DefaultUrl = "sqlite:///data/accounting.db";

    public required DatabaseUrl Url { get; init; }

    /// <summary>Apply pending migrations when the service starts (RUN_MIGRATIONS_ON_START).</summary>
    public bool MigrateOnStart { get; init; } = true;

    public static DatabaseOptions Bind(IConfiguration configuration, List<string> problems)
    {
        // The seed names a separate ANALYTICS_DB_URL pointing at the same analytics database;
        // it stands in when DATABASE_URL is absent.
        var name = Settings.Text(configuration, "DATABASE_URL") is null && Settings.Text(configuration, "ANALYTICS_DB_URL") is not null
            ? "ANALYTICS_DB_URL"
            : "DATABASE_URL";
        var text = Settings.Text(configuration, name) ?? DefaultUrl;
        if (!DatabaseUrl.TryParse(text, out var url, out var problem))
        {
            problems.Add($"{name}: {problem}.");
            url = DatabaseUrl.Parse(DefaultUrl);
        }

        return new DatabaseOptions
        {
            Url = url!,
            MigrateOnStart = Settings.Boolean(configuration, "RUN_MIGRATIONS_ON_START", true, problems),
        };
    }
}
