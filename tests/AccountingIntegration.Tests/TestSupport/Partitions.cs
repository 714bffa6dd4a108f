using System.Text.RegularExpressions;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Data.Migrations;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>Looks inside MySQL range partitions, to prove rows land where the plan says.</summary>
internal static partial class Partitions
{
    /// <summary>The partition a row with this timestamp belongs to: the first whose bound lies above it.</summary>
    public static async Task<string> ExpectedForAsync(Database database, string table, DateTime timestamp)
    {
        var partitions = await Maintenance(database).ListPartitionsAsync(table);
        return partitions.First(p => p.LessThan is null || timestamp < p.LessThan.Value).Name;
    }

    /// <summary>How many rows of <paramref name="table"/> with this key value sit in the named partition.</summary>
    public static async Task<long> CountInAsync(Database database, string table, string partition, string keyColumn, string keyValue)
    {
        // Identifiers cannot be parameters; they come from the test itself or information_schema
        // and are checked to be plain names before use.
        foreach (var name in new[] { table, partition, keyColumn })
        {
            Assert.Matches(PlainName(), name);
        }

        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM {table} PARTITION ({partition}) WHERE {keyColumn} = @Key", new { Key = keyValue });
    }

    public static PartitionMaintenance Maintenance(Database database, TimeProvider? time = null, RetentionOptions? retention = null) =>
        new(database, retention ?? new RetentionOptions(), time ?? TimeProvider.System, NullLogger<PartitionMaintenance>.Instance);

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex PlainName();
}
