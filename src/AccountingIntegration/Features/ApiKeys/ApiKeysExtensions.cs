namespace AccountingIntegration.Features.ApiKeys;

internal static class ApiKeysExtensions
{
    /// <summary>Organizations' API keys: the store, the cached authenticator every keyed request uses, and the CLI command.</summary>
    public static void AddApiKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        ApiKeyCommands.Register(builder);
    }
}
