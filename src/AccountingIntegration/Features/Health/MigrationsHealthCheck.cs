using AccountingIntegration.Infrastructure.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountingIntegration.Features.Health;

/// <summary>
/// The database has every migration of this build: an instance started with RUN_MIGRATIONS_ON_START=false
/// ahead of `migrate`, or next to a database someone rolled back, would fail queries the schema lacks.
/// </summary>
internal sealed class MigrationsHealthCheck(DatabaseMigrator migrator, HealthOptions options) : BoundedHealthCheck(options)
{
    public const string Name = "migrations";

    protected override async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        var pending = await migrator.GetPendingVersionsAsync(cancellationToken);
        return pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{pending.Count} pending migration(s): {string.Join(", ", pending)}; run `migrate`");
    }
}
