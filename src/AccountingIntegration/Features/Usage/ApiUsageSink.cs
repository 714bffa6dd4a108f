using AccountingIntegration.Infrastructure.Batching;

namespace AccountingIntegration.Features.Usage;

/// <summary>Stores the usage writer's batches, each in one transaction.</summary>
internal sealed class ApiUsageSink(ApiUsageStore store) : IBatchSink<ApiUsageEntry>
{
    public string Name => "api usage";

    public Task WriteAsync(IReadOnlyList<ApiUsageEntry> batch, CancellationToken cancellationToken) => store.InsertBatchAsync(batch, cancellationToken);
}
