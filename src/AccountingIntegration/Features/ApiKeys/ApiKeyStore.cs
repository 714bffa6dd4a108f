using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.ApiKeys;

/// <summary>The seed's ApiKeyDataStore: create, validate by hash, list, revoke.</summary>
internal sealed class ApiKeyStore(Database database, TimeProvider time)
{
    private const string Columns =
        "key_id, organization_id, source_id, name, key_prefix, key_hash, is_active, last_used_at, expires_at, revoked_at, created_at";

    /// <summary>
    /// Stores a key by its hash, with what <paramref name="alongside"/> writes (its audit entry) in the same transaction; a
    /// hash already stored throws <see cref="DuplicateKeyException"/>.
    /// </summary>
    public async Task<ApiKey> CreateAsync(
        string organizationId, string? sourceId, string name, string keyPrefix, string keyHash, DateTime? expiresAt, CancellationToken cancellationToken,
        Func<DatabaseTransaction, ApiKey, Task>? alongside = null)
    {
        const string sql = $"""
            INSERT INTO api_keys ({Columns})
            VALUES (@KeyId, @OrganizationId, @SourceId, @Name, @KeyPrefix, @KeyHash, @IsActive, @LastUsedAt, @ExpiresAt, @RevokedAt, @CreatedAt)
            """;
        var key = new ApiKey
        {
            KeyId = Ids.New(time),
            OrganizationId = organizationId,
            SourceId = sourceId,
            Name = name,
            KeyPrefix = keyPrefix,
            KeyHash = keyHash,
            ExpiresAt = expiresAt,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await database.ExecuteAsync(sql, key, alongside, cancellationToken);
        return key;
    }

    /// <summary>The seed's validate_key: the key with this hash if it is active, not revoked and not expired at <paramref name="now"/>.</summary>
    public Task<ApiKey?> FindActiveByHashAsync(string keyHash, DateTime now, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<ApiKey>(
            $"""
            SELECT {Columns} FROM api_keys
            WHERE key_hash = @KeyHash AND is_active = @True AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @Now)
            """,
            new { KeyHash = keyHash, True = true, Now = now }, cancellationToken);

    public Task<IReadOnlyList<ApiKey>> ListAsync(string organizationId, CancellationToken cancellationToken) =>
        database.QueryListAsync<ApiKey>(
            $"SELECT {Columns} FROM api_keys WHERE organization_id = @OrganizationId ORDER BY created_at DESC, key_id DESC",
            new { OrganizationId = organizationId }, cancellationToken);

    public Task<ApiKey?> GetAsync(string organizationId, string keyId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<ApiKey>(
            $"SELECT {Columns} FROM api_keys WHERE organization_id = @OrganizationId AND key_id = @KeyId",
            new { OrganizationId = organizationId, KeyId = keyId }, cancellationToken);

    /// <summary>
    /// Revokes the organization's key, with what <paramref name="alongside"/> writes (its audit entry) in the same
    /// transaction; false when it has no unrevoked key with this id, and then nothing is written.
    /// </summary>
    public async Task<bool> RevokeAsync(string organizationId, string keyId, DateTime now, CancellationToken cancellationToken,
        Func<DatabaseTransaction, Task>? alongside = null) =>
        await database.ExecuteAsync(
            """
            UPDATE api_keys SET is_active = @False, revoked_at = @Now
            WHERE organization_id = @OrganizationId AND key_id = @KeyId AND revoked_at IS NULL
            """,
            new { False = false, Now = now, OrganizationId = organizationId, KeyId = keyId }, alongside, cancellationToken) == 1;

    /// <summary>Records use of the key; true when last_used_at moved (never backwards, as requests finish out of order).</summary>
    public async Task<bool> TouchLastUsedAsync(string keyId, DateTime now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE api_keys SET last_used_at = @Now WHERE key_id = @KeyId AND (last_used_at IS NULL OR last_used_at < @Now)",
            new { Now = now, KeyId = keyId }, cancellationToken) == 1;
}
