using AccountingIntegration.Features.Sync.References;

namespace AccountingIntegration.Features.Sync;

internal static class SyncExtensions
{
    /// <summary>The sync log of processing attempts, and the resolver of QBO customer and item references.</summary>
    public static void AddSync(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SyncLogStore>();
        builder.Services.AddMemoryCache();
        // Transient: it wraps the typed QBO HttpClient, whose handlers the factory rotates.
        builder.Services.AddTransient<QboReferenceResolver>();
        builder.Services.AddSingleton<ReferenceDirectory>();
    }
}
