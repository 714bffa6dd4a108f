using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Connections.Tokens;

/// <summary>
/// The cross-process half of "one refresh per realm": a short lease on the connection row.
/// Only the lease holder calls Intuit; everyone else waits for the row's version to move.
/// A crashed holder's lease simply runs out.
/// </summary>
internal sealed class RefreshLeaseStore(Database database)
{
    public async Task<bool> TryAcquireAsync(string tokenId, int expectedVersion, string owner, DateTime now, DateTime until, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            """
            UPDATE oauth_tokens SET refresh_lock_owner = @Owner, refresh_lock_until = @Until
            WHERE token_id = @TokenId AND version = @ExpectedVersion AND sync_status = @Connected
              AND (refresh_lock_until IS NULL OR refresh_lock_until < @Now)
            """,
            new { Owner = owner, Until = until, TokenId = tokenId, ExpectedVersion = expectedVersion, Connected = ConnectionStatus.Connected, Now = now },
            cancellationToken) == 1;

    public Task ReleaseAsync(string tokenId, string owner, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "UPDATE oauth_tokens SET refresh_lock_owner = NULL, refresh_lock_until = NULL WHERE token_id = @TokenId AND refresh_lock_owner = @Owner",
            new { TokenId = tokenId, Owner = owner },
            cancellationToken);

    public Task StampRefreshedAsync(string tokenId, DateTime now, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "UPDATE oauth_tokens SET last_refreshed_at = @Now WHERE token_id = @TokenId",
            new { TokenId = tokenId, Now = now },
            cancellationToken);
}
