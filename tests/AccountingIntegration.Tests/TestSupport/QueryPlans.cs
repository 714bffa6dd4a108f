using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// The plan a database chooses for a statement, one line per step: SQLite's <c>EXPLAIN QUERY PLAN</c> details, and on
/// MariaDB each <c>EXPLAIN</c> row as "table type=… key=… extra=…".
/// </summary>
internal static class QueryPlans
{
    public static async Task<string> ExplainAsync(Database database, string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var steps = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters);
            return string.Join("\n", steps.Select(s => s.Detail));
        }

        var rows = await connection.QueryAsync("EXPLAIN " + sql, parameters);
        return string.Join("\n", rows.Select(r => (IDictionary<string, object?>)r).Select(r => $"{r["table"]} type={r["type"]} key={r["key"]} extra={r["Extra"]}"));
    }

    /// <summary>Brings the planner's statistics up to date, as the service's maintenance does.</summary>
    public static async Task AnalyzeAsync(Database database, params string[] tables)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await new SqliteMaintenance(database).OptimizeAsync(default);
            return;
        }

        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync("ANALYZE TABLE " + string.Join(", ", tables));
    }
}
