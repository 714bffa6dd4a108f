namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Periodic clean-up a feature owns (expired OAuth states, say): the retention worker runs every
/// registered task on each round, after the partition maintenance, each one's failure isolated.
/// </summary>
internal interface IRetentionTask
{
    string Name { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
