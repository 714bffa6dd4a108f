using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>Direct reads for assertions on rows a store does not expose (queue entries, dedupe keys).</summary>
internal static class Sql
{
    public static async Task<T?> ScalarAsync<T>(Database database, string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql, parameters);
    }

    public static async Task<long> CountAsync(Database database, string sql, object? parameters = null) =>
        await ScalarAsync<long>(database, sql, parameters);
}
