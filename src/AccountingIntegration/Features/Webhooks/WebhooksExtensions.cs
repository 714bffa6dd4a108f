using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Mapping.Admin;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Webhooks.Counts;
using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Features.Webhooks.Signatures;
using AccountingIntegration.Features.Webhooks.Sources;
using AccountingIntegration.Features.Webhooks.Status;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Webhooks;

internal static class WebhooksExtensions
{
    /// <summary>Sources, durable ingest, the queue and its workers, payload status and replay.</summary>
    public static void AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.AddSettings(problems => WebhookOptions.Bind(builder.Configuration, problems));
        var services = builder.Services;
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<IOrganizationSources, SourceDirectory>();
        services.AddSingleton<IReceivedPayloads, ReceivedPayloads>();
        services.AddSingleton<IStatedSales, StatedSales>();
        services.AddHttpClient(PayPalCertificates.ClientName, c =>
        {
            c.Timeout = TimeSpan.FromSeconds(10);
            c.MaxResponseContentBufferSize = PayPalCertificates.MaxCertificateBytes;
        });
        services.AddSingleton<PayPalCertificates>();
        services.AddSingleton(provider => WebhookSignatureVerifier.CreateDefault(provider.GetRequiredService<PayPalCertificates>()));
        services.AddSingleton<WebhookAuthentication>();
        // One writer per process: its leader gate is what group-commits the payloads.
        services.AddSingleton<PayloadWriter>();
        services.AddSingleton<WebhookQueueStore>();
        services.AddSingleton<QueueBacklog>();
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<PayloadOutcomes>();
        // Failed and dead outcomes are told to their subscribers at least once, a crash after the commit included.
        services.AddSingleton<SettledOutbox>();
        services.AddSingleton<SettledOutboxSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<SettledOutboxSweep>());
        services.AddSingleton<OutcomeWaiter>();
        services.AddSingleton<IngestDependencies>();
        services.AddSingleton<RetrySchedule>();
        services.AddSingleton<OutcomeRecorder>();
        services.AddSingleton<LeaseKeeper>();
        services.AddScoped<PayloadProcessor>();
        services.AddTransient<MappedDocumentCurrency>();
        services.AddSingleton<PayloadReplayer>();
        services.AddSingleton<WakeWaitingPayloads>();
        services.AddSingleton<ICompanyConnectedHandler>(sp => sp.GetRequiredService<WakeWaitingPayloads>());
        services.AddSingleton<WakeWaitingForSale>();
        services.AddSingleton<ReviveExpiredSaleWaits>();
        services.AddSingleton<SaleTurns>();
        services.AddSingleton<ISaleTurns>(sp => sp.GetRequiredService<SaleTurns>());
        services.AddSingleton<SaleTurnWaiters>();
        services.AddSingleton<IRetentionTask, ExpiredSaleWaitPurge>();
        services.AddHostedService<WaitingPayloadsSweep>();
        services.AddHostedService<WebhookWorker>();
        services.AddSingleton<IObservedMetrics, QueueMetrics>();
        services.AddSingleton<PayloadCountRollup>();
        services.AddSingleton<PayloadCountReader>();
        services.AddSingleton<IRetentionTask, PayloadCountRetention>();
        services.AddHostedService<PayloadCountWorker>();
    }

    public static void MapWebhooks(this IEndpointRouteBuilder endpoints, TenantRouteGroup tenant, AdminRouteGroup admin)
    {
        endpoints.MapSourceEndpoints();
        endpoints.MapWebhookEndpoints();
        tenant.MapPayloadEndpoints();
        admin.MapAdminPayloadEndpoints();
        admin.MapAdminSourceEndpoints();
    }
}
