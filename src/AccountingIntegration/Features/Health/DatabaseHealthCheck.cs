using AccountingIntegration.Infrastructure.Data;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountingIntegration.Features.Health;

/// <summary>The database opens a connection and answers the cheapest query there is.</summary>
internal sealed class DatabaseHealthCheck(Database database, HealthOptions options) : BoundedHealthCheck(options)
{
    public const string Name = "database";

    protected override async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
        return HealthCheckResult.Healthy();
    }
}
