using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Connections.ConnectTokens;

/// <summary>Connect tokens: created by an admin or the org, redeemed once before they expire.</summary>
internal sealed class ConnectTokenStore(Database database, TimeProvider time)
{
    private const string Columns = "token_id, organization_id, token_hash, expires_at, used_at, is_active, created_by, created_at";

    /// <summary>
    /// Stores a link's token by its hash, with what <paramref name="alongside"/> writes (its audit entry) in the same
    /// transaction; a hash already stored throws <see cref="DuplicateKeyException"/>.
    /// </summary>
    public async Task<ConnectToken> CreateAsync(string organizationId, string tokenHash, DateTime expiresAt, string? createdBy, CancellationToken cancellationToken,
        Func<DatabaseTransaction, ConnectToken, Task>? alongside = null)
    {
        const string sql = $"""
            INSERT INTO connect_tokens ({Columns})
            VALUES (@TokenId, @OrganizationId, @TokenHash, @ExpiresAt, @UsedAt, @IsActive, @CreatedBy, @CreatedAt)
            """;
        var token = new ConnectToken
        {
            TokenId = Ids.New(time),
            OrganizationId = organizationId,
            TokenHash = tokenHash,
            ExpiresAt = expiresAt,
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await database.ExecuteAsync(sql, token, alongside, cancellationToken);
        return token;
    }

    /// <summary>The token with this hash in whatever state; redemption goes through <see cref="TryMarkUsedAsync"/>.</summary>
    public Task<ConnectToken?> GetByHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<ConnectToken>(
            $"SELECT {Columns} FROM connect_tokens WHERE token_hash = @TokenHash",
            new { TokenHash = tokenHash }, cancellationToken);

    public Task<IReadOnlyList<ConnectToken>> ListAsync(string organizationId, CancellationToken cancellationToken) =>
        database.QueryListAsync<ConnectToken>(
            $"SELECT {Columns} FROM connect_tokens WHERE organization_id = @OrganizationId ORDER BY created_at DESC, token_id DESC",
            new { OrganizationId = organizationId }, cancellationToken);

    /// <summary>
    /// Deactivates the organization's token, with what <paramref name="alongside"/> writes (its audit entry); false when it
    /// has no active token with this id.
    /// </summary>
    public async Task<bool> RevokeAsync(string organizationId, string tokenId, CancellationToken cancellationToken, Func<DatabaseTransaction, Task>? alongside = null) =>
        await database.ExecuteAsync(
            "UPDATE connect_tokens SET is_active = @False WHERE organization_id = @OrganizationId AND token_id = @TokenId AND is_active = @True",
            new { False = false, True = true, OrganizationId = organizationId, TokenId = tokenId }, alongside, cancellationToken) == 1;

    /// <summary>
    /// Redeems the token: true for exactly one caller, and only while it is active, unused and
    /// unexpired. The conditions sit in the UPDATE itself, so concurrent redemptions cannot both win.
    /// </summary>
    public async Task<bool> TryMarkUsedAsync(string tokenId, DateTime now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            """
            UPDATE connect_tokens SET used_at = @Now
            WHERE token_id = @TokenId AND used_at IS NULL AND is_active = @True AND expires_at > @Now
            """,
            new { Now = now, TokenId = tokenId, True = true }, cancellationToken) == 1;

    /// <summary>
    /// Undoes the redemption made at <paramref name="usedAt"/>: the connection it was for failed before anything was
    /// stored (Intuit refused the code exchange, the company could not be read), and the page tells the client to open
    /// the link again. Only that redemption is undone; a token redeemed since, or withdrawn, stays as it is.
    /// </summary>
    public Task GiveBackAsync(string tokenId, DateTime usedAt, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE connect_tokens SET used_at = NULL WHERE token_id = @TokenId AND used_at = @UsedAt",
            new { TokenId = tokenId, UsedAt = usedAt }, cancellationToken);
}
