using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Alerts;

internal static class AlertsExtensions
{
    /// <summary>
    /// Alerts to the people who must act: subscribes to payload outcomes and lost connections, records each alert once
    /// per cause and window, and delivers it, signed, to the operators' and the organization's URLs, and by e-mail.
    /// </summary>
    public static void AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.AddSettings(problems => AlertOptions.Bind(builder.Configuration, problems));
        builder.AddSettings(problems => AlertEmailOptions.Bind(builder.Configuration, problems));
        var services = builder.Services;
        services.AddSingleton<AlertStore>();
        services.AddSingleton<AlertDestinationStore>();
        services.AddSingleton<AlertEmailRecipientStore>();
        services.AddSingleton<AlertSignal>();
        services.AddSingleton<AlertMailer>();
        services.AddSingleton<AlertRaiser>();
        services.AddSingleton<ReconnectLinks>();
        services.AddSingleton<IPayloadSettledHandler, PayloadAlerts>();
        services.AddSingleton<ConnectionAlerts>();
        services.AddSingleton<IConnectionLostHandler>(sp => sp.GetRequiredService<ConnectionAlerts>());
        services.AddSingleton<ReconnectReminderSweep>();
        services.AddSingleton<RefreshExpirySweep>();
        services.AddSingleton<ReadBudgetSweep>();
        // Transient, like every typed HttpClient: the factory rotates its handler.
        services.AddHttpClient<AlertSender>(c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHostedService<AlertWorker>();
    }

    public static void MapAlerts(this AdminRouteGroup admin, TenantRouteGroup tenant)
    {
        admin.MapAdminAlertEndpoints();
        admin.MapAlertDestinationEndpoints();
        admin.MapAlertEmailEndpoints();
        tenant.MapTenantAlertEndpoints();
    }
}
