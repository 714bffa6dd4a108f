using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Connections.OAuth;

/// <summary>Remembers issued OAuth state nonces so each one can be spent exactly once.</summary>
internal sealed class OAuthStateStore(Database database)
{
    public Task InsertAsync(string nonce, string organizationId, string? connectTokenId, DateTime createdAt, DateTime expiresAt, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            """
            INSERT INTO oauth_states (nonce, organization_id, connect_token_id, created_at, expires_at, used_at)
            VALUES (@Nonce, @OrganizationId, @ConnectTokenId, @CreatedAt, @ExpiresAt, NULL)
            """,
            new { Nonce = nonce, OrganizationId = organizationId, ConnectTokenId = connectTokenId, CreatedAt = createdAt, ExpiresAt = expiresAt },
            cancellationToken);

    /// <summary>
    /// Marks the nonce used if it exists, belongs to the organization, is unused and unexpired.
    /// One conditional UPDATE, so two callbacks racing with the same state cannot both win.
    /// </summary>
    public async Task<bool> TryConsumeAsync(string nonce, string organizationId, DateTime now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            """
            UPDATE oauth_states SET used_at = @Now
            WHERE nonce = @Nonce AND organization_id = @OrganizationId AND used_at IS NULL AND expires_at > @Now
            """,
            new { Nonce = nonce, OrganizationId = organizationId, Now = now },
            cancellationToken) == 1;

    public Task<int> DeleteExpiredAsync(DateTime before, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM oauth_states WHERE expires_at < @Before", new { Before = before }, cancellationToken);
}
