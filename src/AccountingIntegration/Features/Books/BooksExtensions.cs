using AccountingIntegration.Features.Books.Batching;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Infrastructure.Configuration;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Books;

internal static class BooksExtensions
{
    /// <summary>Booking vendor events into QBO: the ledger links, each company's regime, customers, accounts and the executor.</summary>
    public static void AddBooks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMemoryCache();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<SaleLookup>();
        // Transient, like the typed QBO client they hold; their caches live in the shared memory cache.
        services.AddTransient<CompanyRegimes>();
        services.AddTransient<CustomerFinder>();
        services.AddTransient<BooksAccounts>();
        services.AddTransient<DocumentReferences>();
        services.AddTransient<FingerprintLookup>();
        builder.AddSettings(problems => BatchOptions.Bind(builder.Configuration, problems));
        services.AddSingleton<BatchStore>();
        services.AddSingleton<LostBatchSettlements>();
        services.AddSingleton<UncertainCreates>();
        services.AddSingleton<CompanyLanes>();
        services.AddSingleton<IObservedMetrics, CompanyLaneMetrics>();
        services.AddTransient<BatchSender>();
        services.AddTransient<DocumentBatcher>();
        services.AddSingleton<IRetentionTask, StoredBatchPurge>();
        services.AddTransient<BookingExecutor>();
        services.AddTransient<SaleNaming>();
        services.AddTransient<EventBooking>();
        services.AddTransient<BookingPreview>();
    }

    /// <summary>The organization's own book-keeping settings, on its tenant routes.</summary>
    public static void MapBooks(this TenantRouteGroup tenant) => tenant.MapBooksSettings();
}
