namespace AccountingIntegration.Infrastructure.Concurrency;

internal static class ConcurrencyExtensions
{
    public static void AddConcurrency(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KeyedLock>();
        builder.Services.AddSingleton<InstanceIdentity>();
    }
}
