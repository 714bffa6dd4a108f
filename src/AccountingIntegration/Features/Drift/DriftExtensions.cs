using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Features.Drift;

internal static class DriftExtensions
{
    /// <summary>Following changes made in QBO to booked documents: Intuit's notifications and the CDC sweep.</summary>
    public static void AddDrift(this IHostApplicationBuilder builder)
    {
        builder.AddSettings(problems => DriftOptions.Bind(builder.Configuration, problems));
        var services = builder.Services;
        services.AddSingleton<DriftQueue>();
        services.AddSingleton<DriftCursors>();
        // Transient, like the typed QBO client they hold.
        services.AddTransient<DriftDetector>();
        services.AddTransient<DriftSweep>();
        services.AddHostedService<DriftWorker>();
    }

    public static void MapDrift(this IEndpointRouteBuilder endpoints) => endpoints.MapIntuitWebhook();
}
