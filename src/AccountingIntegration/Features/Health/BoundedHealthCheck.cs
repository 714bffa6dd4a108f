using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountingIntegration.Features.Health;

/// <summary>
/// A readiness check that asks the database, bounded by HEALTH_CHECK_TIMEOUT_SECONDS: a frozen server must
/// make the probe fail fast, not hold it until the orchestrator gives up. The wait is abandoned even when
/// the driver ignores cancellation; its connection then fails on its own time-out. The reason is one line
/// and never the driver's message, which may name hosts and users.
/// </summary>
internal abstract class BoundedHealthCheck(HealthOptions options) : IHealthCheck
{
    protected HealthOptions Options { get; } = options;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Wall-clock time on purpose: the service clock is an application clock (tests move it), a time-out is not.
        bounded.CancelAfter(Options.CheckTimeout);
        try
        {
            return await CheckAsync(bounded.Token).WaitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the database did not answer within {Options.CheckTimeout.TotalSeconds:0} s");
        }
        catch (DbException e)
        {
            return HealthCheckResult.Unhealthy($"the database could not be reached ({e.GetType().Name})");
        }
    }

    protected abstract Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken);
}
