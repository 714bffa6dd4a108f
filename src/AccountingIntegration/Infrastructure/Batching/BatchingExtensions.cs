namespace AccountingIntegration.Infrastructure.Batching;

internal static class BatchingExtensions
{
    /// <summary>One writer per item type: a singleton that features enqueue into and the host runs and stops.</summary>
    public static IServiceCollection AddBatchWriter<T, TSink>(this IServiceCollection services, BatchWriterOptions? options = null)
        where TSink : class, IBatchSink<T>
    {
        services.AddSingleton<IBatchSink<T>, TSink>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<BatchWriter<T>>(sp, options ?? new BatchWriterOptions()));
        services.AddHostedService(sp => sp.GetRequiredService<BatchWriter<T>>());
        return services;
    }
}
