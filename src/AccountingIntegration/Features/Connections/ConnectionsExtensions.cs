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
        // One instance per process: its per-realm semaphores are what serialise refreshes here.
        builder.Services.AddSingleton<TokenManager>();
        builder.Services.AddScoped<ConnectionCallback>();
        builder.Services.AddHostedService<ConnectionRefreshWorker>();
    }
}
