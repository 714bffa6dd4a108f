namespace AccountingIntegration.Infrastructure.Concurrency;

/// <summary>
/// Names this process among the instances that share the database: every lease it takes (queue
/// claims, token refreshes) carries <see cref="LeaseOwner"/>, so it can release exactly its own.
/// </summary>
internal sealed class InstanceIdentity
{
    public string LeaseOwner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
