using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountingIntegration.Features.Health;

/// <summary>The answer of <c>/health/live</c> and <c>/health/ready</c>: the overall status and each check's.</summary>
internal sealed record ProbeReport(string Status, IReadOnlyDictionary<string, ProbeCheck> Checks)
{
    public const string Healthy = "healthy";

    public static ProbeReport From(HealthReport report) => new(
        Word(report.Status),
        report.Entries.ToDictionary(e => e.Key, e => new ProbeCheck(Word(e.Value.Status), e.Value.Description, (int)e.Value.Duration.TotalMilliseconds)));

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => Healthy,
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}

/// <summary>One check: its status, a one-line reason when it is not healthy (or a note), and how long it took.</summary>
internal sealed record ProbeCheck(string Status, string? Reason, int DurationMs);
