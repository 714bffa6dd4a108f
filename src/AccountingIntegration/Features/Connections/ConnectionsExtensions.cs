using AccountingIntegration.Features.Connections.Connect;
using AccountingIntegration.Features.Connections.OAuth;
using AccountingIntegration.Features.Connections.Tokens;

namespace AccountingIntegration.Features.Connections;

internal static class ConnectionsExtensions
{
    public static void AddConnections(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OAuthStateStore>();
        builder.Services.AddSingleton<OAuthStateService>();
        builder.Services.AddSingleton<RefreshLeaseStore>();
        builder.Services.AddSingleton<TokenProtection>();
        // The per-realm gates are process-wide; the manager itself is transient because it holds the
        // typed Intuit HttpClient, whose handlers the client factory rotates.
        builder.Services.AddSingleton<RefreshLocks>();
        builder.Services.AddTransient<TokenManager>();
        builder.Services.AddScoped<ConnectionCallback>();
        builder.Services.AddHostedService<ConnectionRefreshWorker>();
    }
}
