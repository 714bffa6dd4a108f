using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Features.Webhooks.Sources;
using AccountingIntegration.Features.Webhooks.Status;

namespace AccountingIntegration.Features.Webhooks;

internal static class WebhooksExtensions
{
    public static void AddWebhooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(_ => WebhookSignatureVerifier.CreateDefault());
        services.AddSingleton<WebhookAuthentication>();
        // One writer per process: its leader gate is what batches SQLite commits.
        services.AddSingleton<PayloadWriter>();
        services.AddSingleton<WebhookQueueStore>();
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<PayloadOutcomes>();
        services.AddSingleton<OutcomeWaiter>();
        services.AddSingleton<IngestDependencies>();
        services.AddSingleton<RetrySchedule>();
        // Transient: it wraps the typed QBO HttpClient, whose handlers the factory rotates.
        services.AddTransient<QboReferenceResolver>();
        services.AddScoped<PayloadProcessor>();
        services.AddSingleton<PayloadReplayer>();
        services.AddHostedService<WebhookWorker>();
    }

    public static void MapWebhookRoutes(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapSourceEndpoints();
        endpoints.MapWebhookEndpoints();
        endpoints.MapAdminPayloadEndpoints();
    }
}
