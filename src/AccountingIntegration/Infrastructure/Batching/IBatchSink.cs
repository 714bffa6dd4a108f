namespace AccountingIntegration.Infrastructure.Batching;

/// <summary>Where a <see cref="BatchWriter{T}"/> puts its batches: one call stores all items or none.</summary>
internal interface IBatchSink<in T>
{
    /// <summary>Short name for log lines (audit, usage).</summary>
    string Name { get; }

    Task WriteAsync(IReadOnlyList<T> batch, CancellationToken cancellationToken);
}
