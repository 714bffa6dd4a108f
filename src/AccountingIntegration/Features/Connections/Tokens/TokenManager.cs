using AccountingIntegration.Features.Audit;
using AccountingIntegration.Infrastructure.Concurrency;
using AccountingIntegration.Infrastructure.Data;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Connections.Tokens;

/// <summary>
/// Hands out valid QBO access tokens. When fewer than <see cref="RefreshMargin"/> remain it
/// refreshes — once per realm at a time: a semaphore serialises callers in this process, and a
/// lease on the row serialises processes sharing the database. The rotated refresh token is
/// stored before the new access token is handed out. <c>invalid_grant</c> marks the connection
/// refresh_failed, which makes its organization's status say "reconnect".
/// </summary>
internal sealed partial class TokenManager(
    KeyedLock locks,
    InstanceIdentity instance,
    OAuthTokenStore store,
    RefreshLeaseStore leases,
    TokenProtection protection,
    RejectedTokens rejections,
    IntuitOAuthClient oauth,
    AuditTrail audit,
    ConnectionLossNotifier lost,
    TimeProvider time,
    ILogger<TokenManager> logger)
{
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LeasePollInterval = TimeSpan.FromMilliseconds(100);

    /// <exception cref="QboNotConnectedException">No usable connection.</exception>
    /// <exception cref="IntuitOAuthException">Intuit could not be reached or failed transiently.</exception>
    public async Task<ValidToken> GetValidTokenAsync(string organizationId, CancellationToken cancellationToken)
    {
        var connection = await LoadUsableAsync(organizationId, cancellationToken);
        return IsFresh(connection) ? ToToken(connection) : await RefreshAsync(organizationId, connection.RealmId, force: false, cancellationToken);
    }

    /// <summary>
    /// Whether the organization's connection is usable now, read afresh from the database (a payload parked for a
    /// connection asks this after parking, so a reconnect that landed meanwhile is not missed).
    /// </summary>
    public async Task<bool> IsConnectedAsync(string organizationId, CancellationToken cancellationToken) =>
        await store.GetActiveConnectionAsync(organizationId, cancellationToken) is { SyncStatus: ConnectionStatus.Connected };

    /// <summary>Refreshes now even if the access token is fresh (the background job keeps refresh tokens rolling).</summary>
    public async Task<ValidToken> ForceRefreshAsync(string organizationId, CancellationToken cancellationToken)
    {
        var connection = await LoadUsableAsync(organizationId, cancellationToken);
        return await RefreshAsync(organizationId, connection.RealmId, force: true, cancellationToken);
    }

    /// <summary>
    /// QBO answered 401 to <paramref name="rejectedAccessToken"/> before its time (expired or revoked at Intuit): refreshes
    /// once, however many callers were rejected together. When the rejected token was itself the fruit of such a refresh,
    /// another cannot help: the connection is marked for reconnection.
    /// </summary>
    /// <exception cref="QboNotConnectedException">The connection cannot be put right without the company reconnecting.</exception>
    public async Task<ValidToken> RenewRejectedAsync(string organizationId, string rejectedAccessToken, CancellationToken cancellationToken)
    {
        var connection = await LoadUsableAsync(organizationId, cancellationToken);
        var renewed = await RefreshAsync(organizationId, connection.RealmId, force: true, cancellationToken, rejectedAccessToken);
        rejections.RenewedAfterRejection(connection.TokenId, renewed.AccessToken);
        return renewed;
    }

    private async Task<ValidToken> RefreshAsync(string organizationId, string realmId, bool force, CancellationToken cancellationToken,
        string? rejectedAccessToken = null)
    {
        using (await locks.AcquireAsync("token-refresh:" + realmId, cancellationToken))
        {
            var startVersion = -1;
            while (true)
            {
                var connection = await LoadUsableAsync(organizationId, cancellationToken);
                if (startVersion < 0)
                {
                    startVersion = connection.Version;
                }

                if (rejectedAccessToken is not null && protection.UnprotectAccess(connection) != rejectedAccessToken)
                {
                    // Another caller rejected with the same token refreshed it already.
                    return ToToken(connection);
                }

                if (rejectedAccessToken is not null && rejections.WasRenewedAfterRejection(connection.TokenId, rejectedAccessToken))
                {
                    await MarkNeedsReconnectAsync(connection, "QBO refuses the connection's freshly refreshed token (401); reconnect the company.",
                        "unauthorized", null, cancellationToken);
                    throw new QboNotConnectedException(organizationId, ConnectionStatus.RefreshFailed);
                }

                // Someone (this process before us, or another one) refreshed meanwhile.
                if ((!force || connection.Version != startVersion) && IsFresh(connection))
                {
                    return ToToken(connection);
                }

                var now = time.GetUtcNow().UtcDateTime;
                if (await leases.TryAcquireAsync(connection.TokenId, connection.Version, instance.LeaseOwner, now, now + LeaseDuration, cancellationToken))
                {
                    return await RefreshHoldingLeaseAsync(connection, cancellationToken);
                }

                // Another process holds the lease: wait (real time, not business time) for its result to land in the row.
                await Task.Delay(LeasePollInterval, cancellationToken);
            }
        }
    }

    private async Task<ValidToken> RefreshHoldingLeaseAsync(OAuthConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            IntuitTokenResponse refreshed;
            try
            {
                refreshed = await oauth.RefreshAsync(protection.UnprotectRefresh(connection), cancellationToken);
            }
            catch (IntuitOAuthException e) when (e.IsInvalidGrant)
            {
                await MarkNeedsReconnectAsync(connection, "Intuit refused the refresh token (invalid_grant); reconnect the company.", e.Error, e.IntuitTid,
                    cancellationToken);
                throw new QboNotConnectedException(connection.OrganizationId, ConnectionStatus.RefreshFailed);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var accessExpiresAt = now.AddSeconds(refreshed.ExpiresIn);
            var refreshExpiresAt = now.AddSeconds(refreshed.RefreshTokenExpiresIn);
            // Persist the (possibly rotated) refresh token before anyone uses the new access token.
            var stored = await store.TryUpdateTokensAsync(
                connection.TokenId, connection.Version,
                protection.ProtectAccess(connection.OrganizationId, connection.RealmId, refreshed.AccessToken),
                protection.ProtectRefresh(connection.OrganizationId, connection.RealmId, refreshed.RefreshToken),
                accessExpiresAt, refreshExpiresAt, cancellationToken);
            if (!stored)
            {
                // The row moved under our lease (a reconnect or revoke): its state wins; ours is discarded.
                throw new QboNotConnectedException(connection.OrganizationId, "changed_during_refresh");
            }

            await leases.StampRefreshedAsync(connection.TokenId, now, cancellationToken);
            LogRefreshed(logger, connection.OrganizationId, connection.RealmId);
            return new ValidToken(connection.OrganizationId, connection.RealmId, refreshed.AccessToken, accessExpiresAt);
        }
        finally
        {
            await leases.ReleaseAsync(connection.TokenId, instance.LeaseOwner, CancellationToken.None);
        }
    }

    /// <summary>
    /// The connection can no longer be used: its status says "reconnect", with the reason, and the audit trail records it
    /// in the same transaction (an entry that cannot be stored leaves the connection as it was, for the next refresh to
    /// judge again). Only the tokens judged are marked: when the company reconnected meanwhile (a new version), its new
    /// tokens stand.
    /// </summary>
    private async Task MarkNeedsReconnectAsync(OAuthConnection connection, string reason, string error, string? intuitTid, CancellationToken cancellationToken)
    {
        if (!await store.MarkStatusAsync(connection.TokenId, ConnectionStatus.RefreshFailed, reason, cancellationToken, connection.Version,
                transaction => RecordRefreshRefusedAsync(transaction, connection, error, intuitTid, cancellationToken)))
        {
            return;
        }

        LogRefreshRefused(logger, connection.OrganizationId, connection.RealmId);
        await lost.PublishAsync(new ConnectionLost(connection.OrganizationId, connection.RealmId, ConnectionStatus.RefreshFailed, reason), cancellationToken);
    }

    /// <summary>The mark's audit entry, written in the mark's transaction.</summary>
    private Task RecordRefreshRefusedAsync(DatabaseTransaction transaction, OAuthConnection connection, string error, string? intuitTid,
        CancellationToken cancellationToken) =>
        audit.RecordAsync(transaction, AuditActor.System("token-manager"),
            CompanyAudit.Action("connection.refresh_failed", connection.OrganizationId, connection.RealmId, ("error", error), ("intuitTid", intuitTid)),
            cancellationToken);

    private async Task<OAuthConnection> LoadUsableAsync(string organizationId, CancellationToken cancellationToken)
    {
        var connection = await store.GetActiveConnectionAsync(organizationId, cancellationToken)
                         ?? throw new QboNotConnectedException(organizationId, QboNotConnectedException.NotConnected);
        return connection.SyncStatus == ConnectionStatus.Connected
            ? connection
            : throw new QboNotConnectedException(organizationId, connection.SyncStatus);
    }

    private bool IsFresh(OAuthConnection connection) => connection.AccessExpiresAt - time.GetUtcNow().UtcDateTime > RefreshMargin;

    private ValidToken ToToken(OAuthConnection connection) =>
        new(connection.OrganizationId, connection.RealmId, protection.UnprotectAccess(connection), connection.AccessExpiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed QBO tokens of organization {OrganizationId}, realm {RealmId}")]
    private static partial void LogRefreshed(ILogger logger, string organizationId, string realmId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The QBO connection of organization {OrganizationId}, realm {RealmId} cannot be refreshed: the company must be reconnected")]
    private static partial void LogRefreshRefused(ILogger logger, string organizationId, string realmId);
}
