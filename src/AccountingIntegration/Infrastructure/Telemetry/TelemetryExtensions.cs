using System.Diagnostics.Metrics;
using AccountingIntegration.Infrastructure.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AccountingIntegration.Infrastructure.Telemetry;

internal static class TelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Metrics (ours, ASP.NET Core's HTTP server and Kestrel's) for Prometheus; traces over OTLP when an endpoint is set.
    /// System.Diagnostics.Metrics and ActivitySource record; OpenTelemetry only exports.
    /// </summary>
    public static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.AddSettings(problems => TelemetryOptions.Bind(builder.Configuration, problems));
        builder.Services.AddServiceMetrics();
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("accounting-integration"));
        if (options.MetricsEnabled)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(ServiceMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                    // No reply cache: each scrape shows what happened up to it. The database gauges keep their own cache.
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                ((IDeferredMeterProviderBuilder)metrics).Configure((services, b) => b.AddView(OnlyThisHost(services.GetRequiredService<IMeterFactory>())));
            });
        }

        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ServiceActivities.SourceName)
                // Probes and scrapes would be most of the spans and tell nothing.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsHousekeeping(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }
    }

    /// <summary>The instruments and the QBO read tally; also for a bare collection that only builds the QBO clients.</summary>
    public static IServiceCollection AddServiceMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<QboReadTally>();
        services.TryAddSingleton<ServiceMetrics>();
        return services;
    }

    /// <summary><c>GET /metrics</c> in the Prometheus text format, unless METRICS_ENABLED is false.</summary>
    public static void MapTelemetry(this WebApplication app)
    {
        // Creates every feature's gauges now, so the first scrape already has them.
        _ = app.Services.GetServices<IObservedMetrics>().ToList();
        if (!app.Services.GetRequiredService<TelemetryOptions>().MetricsEnabled)
        {
            return;
        }

        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.UseMiddleware<ScrapeTokenCheck>(), optionsName: null)
            // A scrape is a GET; other methods get the service's 405 rather than the metrics.
            .WithMetadata(new HttpMethodMetadata(["GET"]))
            // Prometheus text, not the JSON API the document describes; docs/operations.md describes it.
            .ExcludeFromDescription();
    }

    /// <summary>
    /// Meters are found by name process-wide, so a second host in the same process (tests, a command beside the
    /// service) would otherwise add its figures to ours. Meters made by a host's factory carry it as their scope.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory own) =>
        instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own) ? MetricStreamConfiguration.Drop : null;

    private static bool IsHousekeeping(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
