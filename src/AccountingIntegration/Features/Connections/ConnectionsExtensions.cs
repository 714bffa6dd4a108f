using AccountingIntegration.Features.Connections.Connect;
using AccountingIntegration.Features.Connections.ConnectTokens;
using AccountingIntegration.Features.Connections.OAuth;
using AccountingIntegration.Features.Connections.Public;
using AccountingIntegration.Features.Connections.Status;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Connections;

internal static class ConnectionsExtensions
{
    /// <summary>The QBO connection of each organization: OAuth, stored tokens and their refresh, connect links.</summary>
    public static void AddConnections(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<OAuthTokenStore>();
        services.AddSingleton<ConnectTokenStore>();
        services.AddSingleton<OAuthStateStore>();
        services.AddSingleton<OAuthStateService>();
        services.AddSingleton<IRetentionTask, ExpiredStatePurge>();
        services.AddSingleton<RefreshLeaseStore>();
        services.AddSingleton<TokenProtection>();
        services.AddSingleton<RejectedTokens>();
        services.AddSingleton<ConnectionLossNotifier>();
        // Transient because it holds the typed Intuit HttpClient, whose handlers the client factory
        // rotates; the per-realm refresh lock it takes is the process-wide keyed lock.
        services.AddTransient<TokenManager>();
        services.AddScoped<ConnectionCallback>();
        services.AddHostedService<ConnectionRefreshWorker>();
        services.AddSingleton<IObservedMetrics, ConnectionMetrics>();
        services.AddExceptionProblem<QboNotConnectedException>(e => new ExceptionProblem(StatusCodes.Status409Conflict, QboNotConnectedException.ErrorCode, e.Message));
        ConnectLinkCommand.Register(builder);
    }

    /// <summary>
    /// Starting and finishing the OAuth flow (its pages are the console's client pages), the organization's own connection
    /// routes, operators' connect links, and the credential-less public checks.
    /// </summary>
    public static void MapConnections(this IEndpointRouteBuilder endpoints, TenantRouteGroup tenant, AdminRouteGroup admin)
    {
        endpoints.MapConnectEndpoints();
        endpoints.MapPublicEndpoints();
        tenant.MapConnectionStatusEndpoints();
        admin.MapConnectTokenEndpoints();
    }
}
