using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountingIntegration.Features.Health;

/// <summary>
/// Liveness: the process runs and serves requests. It touches nothing else on purpose: a restart cures
/// a wedged process, not an unreachable database, so dependencies belong to readiness only.
/// </summary>
internal sealed class ProcessHealthCheck : IHealthCheck
{
    public const string Name = "process";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy());
}
