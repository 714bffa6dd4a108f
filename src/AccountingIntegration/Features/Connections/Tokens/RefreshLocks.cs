using System.Collections.Concurrent;

namespace AccountingIntegration.Features.Connections.Tokens;

/// <summary>
/// The in-process half of "one refresh per realm": a gate per realm and this process's lease-owner
/// name, shared by every <see cref="TokenManager"/> (which is short-lived, like the HTTP client it uses).
/// </summary>
internal sealed class RefreshLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public SemaphoreSlim For(string realmId) => _gates.GetOrAdd(realmId, _ => new SemaphoreSlim(1, 1));
}
