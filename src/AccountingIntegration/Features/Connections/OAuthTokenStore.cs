using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Connections;

/// <summary>
/// The seed's OAuthTokenDataStore: QBO connections per organization and realm. Token refreshes
/// are guarded by the row's version so that, across processes, one refresh wins.
/// </summary>
internal sealed class OAuthTokenStore(Database database, TimeProvider time)
{
    private const string Columns =
        "token_id, organization_id, realm_id, access_token, refresh_token, access_expires_at, refresh_expires_at, sync_status, company_name, version, last_error, created_at, updated_at";

    /// <summary>
    /// Stores the tokens of a (re)connection: a new realm is inserted; a known one gets the new
    /// tokens, status connected, no error and a new version (so an in-flight refresh of the old
    /// tokens loses). A null company name keeps the stored one. What <paramref name="alongside"/> writes, given the saved
    /// connection's id (the connect's audit entry), commits with the tokens.
    /// </summary>
    public async Task<OAuthConnection> SaveConnectionAsync(
        string organizationId, string realmId, string encryptedAccessToken, string encryptedRefreshToken,
        DateTime accessExpiresAt, DateTime refreshExpiresAt, string? companyName, CancellationToken cancellationToken,
        Func<DatabaseTransaction, string, Task>? alongside = null)
    {
        // The dialect upsert can only copy proposed values, not bump the version, so this is an
        // UPDATE, then an INSERT when nothing was there. Should a concurrent connect insert the
        // same org+realm in between, the unique key rejects ours and the UPDATE runs again.
        // Inside one MySQL transaction the failed INSERT would keep a shared lock on the key and concurrent connects
        // would deadlock on the UPDATE, so a transaction whose INSERT loses is rolled back whole and runs again
        // (UpsertAsync). The read-back may show a concurrent reconnect's tokens, which are as current.
        const string updateSql = """
            UPDATE oauth_tokens
            SET access_token = @AccessToken, refresh_token = @RefreshToken, access_expires_at = @AccessExpiresAt,
                refresh_expires_at = @RefreshExpiresAt, sync_status = @SyncStatus, company_name = COALESCE(@CompanyName, company_name),
                version = version + 1, last_error = NULL, updated_at = @UpdatedAt
            WHERE organization_id = @OrganizationId AND realm_id = @RealmId
            """;
        const string insertSql = $"""
            INSERT INTO oauth_tokens ({Columns})
            VALUES (@TokenId, @OrganizationId, @RealmId, @AccessToken, @RefreshToken, @AccessExpiresAt, @RefreshExpiresAt,
                    @SyncStatus, @CompanyName, @Version, @LastError, @CreatedAt, @UpdatedAt)
            """;
        var now = time.GetUtcNow().UtcDateTime;
        var connection = new OAuthConnection
        {
            TokenId = Ids.New(time),
            OrganizationId = organizationId,
            RealmId = realmId,
            AccessToken = encryptedAccessToken,
            RefreshToken = encryptedRefreshToken,
            AccessExpiresAt = accessExpiresAt,
            RefreshExpiresAt = refreshExpiresAt,
            SyncStatus = ConnectionStatus.Connected,
            CompanyName = companyName,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };

        const string savedIdSql = "SELECT token_id FROM oauth_tokens WHERE organization_id = @OrganizationId AND realm_id = @RealmId";
        await database.UpsertAsync(updateSql, insertSql, connection, alongside is null
            ? null
            : async transaction => await alongside(transaction, await transaction.QuerySingleAsync<string>(savedIdSql, connection, cancellationToken)),
            cancellationToken);

        return await GetConnectionAsync(organizationId, realmId, cancellationToken)
               ?? throw new InvalidOperationException("The connection just saved could not be read back.");
    }

    /// <summary>Connections still in use whose refresh token stops working before <paramref name="before"/>, soonest first.</summary>
    public Task<IReadOnlyList<OAuthConnection>> ListRefreshExpiringAsync(DateTime before, CancellationToken cancellationToken) =>
        database.QueryListAsync<OAuthConnection>(
            $"SELECT {Columns} FROM oauth_tokens WHERE sync_status = @Connected AND refresh_expires_at < @Before ORDER BY refresh_expires_at, token_id",
            new { Connected = ConnectionStatus.Connected, Before = before }, cancellationToken);

    /// <summary>
    /// Each organization's connection in use (its most recently changed one that is not revoked, as
    /// <see cref="GetActiveConnectionAsync"/> picks it) when that connection must be reconnected.
    /// </summary>
    public Task<IReadOnlyList<OAuthConnection>> ListNeedingReconnectAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<OAuthConnection>(InUseWithStatus(Columns),
            new { Status = ConnectionStatus.RefreshFailed, Revoked = ConnectionStatus.Revoked }, cancellationToken);

    /// <summary>The organizations whose connection in use (as <see cref="GetActiveConnectionAsync"/> picks it) is connected.</summary>
    public Task<IReadOnlyList<string>> ListConnectedOrganizationsAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<string>(InUseWithStatus("organization_id"),
            new { Status = ConnectionStatus.Connected, Revoked = ConnectionStatus.Revoked }, cancellationToken);

    /// <summary>Connections in use whose status is <c>@Status</c>: those of their organization no other unrevoked one changed after.</summary>
    private static string InUseWithStatus(string columns) => $"""
        SELECT {columns} FROM oauth_tokens t
        WHERE t.sync_status = @Status
          AND NOT EXISTS (
              SELECT 1 FROM oauth_tokens n
              WHERE n.organization_id = t.organization_id AND n.sync_status <> @Revoked
                AND (n.updated_at > t.updated_at OR (n.updated_at = t.updated_at AND n.token_id > t.token_id)))
        ORDER BY t.organization_id
        """;

    /// <summary>The organization's most recently changed connection that is not revoked.</summary>
    public Task<OAuthConnection?> GetActiveConnectionAsync(string organizationId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<OAuthConnection>(
            $"""
            SELECT {Columns} FROM oauth_tokens
            WHERE organization_id = @OrganizationId AND sync_status <> @Revoked
            ORDER BY updated_at DESC, token_id DESC
            LIMIT 1
            """,
            new { OrganizationId = organizationId, Revoked = ConnectionStatus.Revoked }, cancellationToken);

    /// <summary>The organizations connected (not revoked) to a QBO company: who Intuit's change notifications for it concern.</summary>
    public Task<IReadOnlyList<string>> ListOrganizationsForRealmAsync(string realmId, CancellationToken cancellationToken) =>
        database.QueryListAsync<string>(
            "SELECT organization_id FROM oauth_tokens WHERE realm_id = @RealmId AND sync_status <> @Revoked ORDER BY organization_id",
            new { RealmId = realmId, Revoked = ConnectionStatus.Revoked }, cancellationToken);

    /// <summary>Every organization with a connection that is not revoked, with its company.</summary>
    public Task<IReadOnlyList<ConnectedCompany>> ListConnectedAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<ConnectedCompany>(
            "SELECT organization_id AS OrganizationId, realm_id AS RealmId FROM oauth_tokens WHERE sync_status <> @Revoked ORDER BY organization_id",
            new { Revoked = ConnectionStatus.Revoked }, cancellationToken);

    public Task<OAuthConnection?> GetConnectionAsync(string organizationId, string realmId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<OAuthConnection>(
            $"SELECT {Columns} FROM oauth_tokens WHERE organization_id = @OrganizationId AND realm_id = @RealmId",
            new { OrganizationId = organizationId, RealmId = realmId }, cancellationToken);

    /// <summary>
    /// Writes refreshed tokens if the row is still at <paramref name="expectedVersion"/>: the
    /// optimistic lock that lets exactly one of several concurrent refreshes win. Success marks
    /// the connection connected again.
    /// </summary>
    public async Task<bool> TryUpdateTokensAsync(
        string tokenId, int expectedVersion, string newEncryptedAccessToken, string newEncryptedRefreshToken,
        DateTime accessExpiresAt, DateTime refreshExpiresAt, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE oauth_tokens
            SET access_token = @AccessToken, refresh_token = @RefreshToken, access_expires_at = @AccessExpiresAt,
                refresh_expires_at = @RefreshExpiresAt, sync_status = @Connected, last_error = NULL, version = version + 1, updated_at = @Now
            WHERE token_id = @TokenId AND version = @ExpectedVersion
            """;
        var parameters = new
        {
            AccessToken = newEncryptedAccessToken,
            RefreshToken = newEncryptedRefreshToken,
            AccessExpiresAt = accessExpiresAt,
            RefreshExpiresAt = refreshExpiresAt,
            Connected = ConnectionStatus.Connected,
            Now = time.GetUtcNow().UtcDateTime,
            TokenId = tokenId,
            ExpectedVersion = expectedVersion,
        };
        return await database.ExecuteAsync(sql, parameters, cancellationToken) == 1;
    }

    /// <summary>
    /// Sets connected, refresh_failed or revoked with an optional error. The version moves too,
    /// so a refresh that started before a revoke cannot bring the connection back. With
    /// <paramref name="expectedVersion"/>, only that version changes: a verdict on old tokens (a refresh refused
    /// while the company reconnected) cannot condemn the new ones. False when nothing changed; otherwise what
    /// <paramref name="alongside"/> writes (the change's audit entry) commits with it.
    /// </summary>
    public async Task<bool> MarkStatusAsync(string tokenId, string status, string? lastError, CancellationToken cancellationToken, int? expectedVersion = null,
        Func<DatabaseTransaction, Task>? alongside = null)
    {
        if (status is not (ConnectionStatus.Connected or ConnectionStatus.RefreshFailed or ConnectionStatus.Revoked))
        {
            throw new ArgumentException($"'{status}' is not a connection status.", nameof(status));
        }

        const string sql = """
            UPDATE oauth_tokens SET sync_status = @Status, last_error = @LastError, version = version + 1, updated_at = @Now
            WHERE token_id = @TokenId AND (@ExpectedVersion IS NULL OR version = @ExpectedVersion)
            """;
        var parameters = new { Status = status, LastError = lastError, Now = time.GetUtcNow().UtcDateTime, TokenId = tokenId, ExpectedVersion = expectedVersion };
        return await database.ExecuteAsync(sql, parameters, alongside, cancellationToken) == 1;
    }

    /// <summary>Connected connections whose refresh token expires before the given instant, soonest first.</summary>
    public Task<IReadOnlyList<OAuthConnection>> ListRefreshDueAsync(DateTime refreshExpiresBefore, int limit, CancellationToken cancellationToken) =>
        database.QueryListAsync<OAuthConnection>(
            $"""
            SELECT {Columns} FROM oauth_tokens
            WHERE sync_status = @Connected AND refresh_expires_at < @Before
            ORDER BY refresh_expires_at, token_id
            LIMIT @Limit
            """,
            new { Connected = ConnectionStatus.Connected, Before = refreshExpiresBefore, Limit = limit }, cancellationToken);

    /// <summary>How many connections are in each sync status (for metrics and the admin dashboard).</summary>
    public async Task<IReadOnlyDictionary<string, long>> ListByStatusCountsAsync(CancellationToken cancellationToken)
    {
        var rows = await database.QueryListAsync<(string Status, long Count)>(
            "SELECT sync_status AS Status, COUNT(*) AS Count FROM oauth_tokens GROUP BY sync_status", null, cancellationToken);
        return rows.ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);
    }
}
