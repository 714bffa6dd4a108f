using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Infrastructure.Telemetry;

/// <summary>Whether <c>/metrics</c> is served and to whom, and where traces go.</summary>
internal sealed class TelemetryOptions
{
    /// <summary>Shortest scrape token accepted: it guards figures about the whole service.</summary>
    public const int MinTokenLength = 16;

    /// <summary>METRICS_ENABLED: serve <c>/metrics</c> (default true).</summary>
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>METRICS_TOKEN: when set, a scrape must send <c>Authorization: Bearer</c> with it; unset, <c>/metrics</c> is open.</summary>
    public string? MetricsToken { get; init; }

    /// <summary>OTEL_EXPORTER_OTLP_ENDPOINT: where spans are sent over OTLP; unset, no spans are recorded at all.</summary>
    public Uri? OtlpEndpoint { get; init; }

    public static TelemetryOptions Bind(IConfiguration configuration, List<string> problems)
    {
        var token = Settings.Text(configuration, "METRICS_TOKEN");
        if (token is { Length: < MinTokenLength })
        {
            problems.Add($"METRICS_TOKEN: use at least {MinTokenLength} characters.");
        }

        var otlp = Settings.Text(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT");
        return new TelemetryOptions
        {
            MetricsEnabled = Settings.Boolean(configuration, "METRICS_ENABLED", true, problems),
            MetricsToken = token,
            OtlpEndpoint = Settings.CheckUrl("OTEL_EXPORTER_OTLP_ENDPOINT", otlp, problems) ? new Uri(otlp!) : null,
        };
    }
}
