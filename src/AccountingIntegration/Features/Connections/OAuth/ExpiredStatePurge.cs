using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Connections.OAuth;

/// <summary>
/// Spent and expired OAuth states are only kept long enough to refuse a replay with a clear reason;
/// after <see cref="KeepFor"/> past their expiry the retention worker deletes them.
/// </summary>
internal sealed class ExpiredStatePurge(OAuthStateStore states, TimeProvider time) : IRetentionTask
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    public string Name => "oauth-states";

    public Task RunAsync(CancellationToken cancellationToken) =>
        states.DeleteExpiredAsync(time.GetUtcNow().UtcDateTime - KeepFor, cancellationToken);
}
