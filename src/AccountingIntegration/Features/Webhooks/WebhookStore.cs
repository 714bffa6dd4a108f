using System.Data.Common;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks;

/// <summary>
/// The seed's WebhookDataStore: webhook sources (this file) and payloads with their dedupe keys
/// and queue entries (<c>WebhookStore.Payloads.cs</c>) with their outcomes (<c>WebhookStore.Outcomes.cs</c>).
/// </summary>
internal sealed partial class WebhookStore(Database database, TimeProvider time)
{
    private const string SourceColumns =
        "source_id, organization_id, name, source_type, signature_scheme, signing_secret, previous_signing_secret, previous_secret_expires_at, " +
        "event_id_path, event_type_path, is_default, is_active, created_at, updated_at, row_version";

    /// <summary>
    /// Creates a source. <c>secretFor</c>, when given, encrypts the signing secret for the new source's id, which the store
    /// makes: the source and its secret are written in one statement, so no source is ever stored half made, checking
    /// signatures without a secret to check them with. What <c>alongside</c> writes (its audit entry) commits with it.
    /// </summary>
    public async Task<WebhookSource> CreateSourceAsync(
        string organizationId, string name, string sourceType, string signatureScheme, string? encryptedSigningSecret,
        string? eventIdPath, bool isDefault, CancellationToken cancellationToken, string? eventTypePath = null, Func<string, string>? secretFor = null,
        Func<DatabaseTransaction, WebhookSource, Task>? alongside = null)
    {
        const string sql = $"""
            INSERT INTO webhook_sources ({SourceColumns})
            VALUES (@SourceId, @OrganizationId, @Name, @SourceType, @SignatureScheme, @SigningSecret, @PreviousSigningSecret, @PreviousSecretExpiresAt, @EventIdPath, @EventTypePath, @IsDefault, @IsActive, @CreatedAt, @UpdatedAt, @RowVersion)
            """;
        var now = time.GetUtcNow().UtcDateTime;
        var sourceId = Ids.New(time);
        var source = new WebhookSource
        {
            SourceId = sourceId,
            OrganizationId = organizationId,
            Name = name,
            SourceType = sourceType,
            SignatureScheme = signatureScheme,
            SigningSecret = secretFor?.Invoke(sourceId) ?? encryptedSigningSecret,
            EventIdPath = eventIdPath,
            EventTypePath = eventTypePath,
            IsDefault = isDefault,
            CreatedAt = now,
            UpdatedAt = now,
        };

        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        if (isDefault)
        {
            await ClearDefaultAsync(transaction.Connection, transaction.Transaction, organizationId, source.SourceId, now, cancellationToken);
        }

        await transaction.ExecuteAsync(sql, source, cancellationToken);
        if (alongside is not null)
        {
            await alongside(transaction, source);
        }

        await transaction.CommitAsync(cancellationToken);
        return source;
    }

    public Task<WebhookSource?> GetSourceAsync(string organizationId, string sourceId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<WebhookSource>(
            $"SELECT {SourceColumns} FROM webhook_sources WHERE organization_id = @OrganizationId AND source_id = @SourceId",
            new { OrganizationId = organizationId, SourceId = sourceId }, cancellationToken);

    /// <summary>The organization's active default source, where webhooks without a source go.</summary>
    public async Task<WebhookSource?> GetDefaultSourceAsync(string organizationId, CancellationToken cancellationToken)
    {
        // At most one default exists (writes clear the others in the same transaction); the
        // ordering only makes the answer deterministic should an old import have left two.
        const string sql = $"""
            SELECT {SourceColumns} FROM webhook_sources
            WHERE organization_id = @OrganizationId AND is_default = @True AND is_active = @True
            ORDER BY updated_at DESC, source_id
            LIMIT 1
            """;
        return await database.QuerySingleOrDefaultAsync<WebhookSource>(sql, new { OrganizationId = organizationId, True = true }, cancellationToken);
    }

    public Task<IReadOnlyList<WebhookSource>> ListSourcesAsync(string organizationId, CancellationToken cancellationToken) =>
        database.QueryListAsync<WebhookSource>(
            $"SELECT {SourceColumns} FROM webhook_sources WHERE organization_id = @OrganizationId ORDER BY created_at, source_id",
            new { OrganizationId = organizationId }, cancellationToken);

    /// <summary>
    /// Replaces the source's signing secret with <paramref name="encryptedSecret"/> (encrypted for this source). The
    /// secret it had keeps verifying for <paramref name="overlap"/> from now (zero: not at all), replacing any earlier
    /// previous secret, so deliveries the sender signed before it switched still get in. Null when the source is gone.
    /// </summary>
    public async Task<WebhookSource?> RotateSigningSecretAsync(
        string organizationId, string sourceId, string encryptedSecret, TimeSpan overlap, CancellationToken cancellationToken,
        Func<DatabaseTransaction, SourceChange, Task>? alongside = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var change = await ChangeSourceAsync(organizationId, sourceId, source =>
        {
            var keepsOld = overlap > TimeSpan.Zero && source.SigningSecret is not null;
            return Task.FromResult(source with
            {
                SigningSecret = encryptedSecret,
                PreviousSigningSecret = keepsOld ? source.SigningSecret : null,
                PreviousSecretExpiresAt = keepsOld ? now + overlap : null,
            });
        }, cancellationToken, alongside);
        return change?.After;
    }

    /// <summary>
    /// Changes the organization's source to what <paramref name="change"/> makes of its current row, and writes name,
    /// type, scheme, secret (and previous secret), event paths, default and active flags. The write lands only if no
    /// one wrote the source since it was read; otherwise the source is read again and the change made again, so two
    /// changes of different fields at once both land (a rename beside a rotation keeps the new secret). Becoming the
    /// default clears the flag on the org's other sources in the same transaction, as does what <paramref name="alongside"/>
    /// writes (the change's audit entry). Null when the source is gone; the change may throw to refuse.
    /// </summary>
    public Task<SourceChange?> ChangeSourceAsync(
        string organizationId, string sourceId, Func<WebhookSource, Task<WebhookSource>> change, CancellationToken cancellationToken,
        Func<DatabaseTransaction, SourceChange, Task>? alongside = null) =>
        RowVersions.ChangeAsync(
            "webhook source",
            () => GetSourceAsync(organizationId, sourceId, cancellationToken),
            async before => new SourceChange(before, (await change(before)) with
            {
                OrganizationId = organizationId,
                SourceId = sourceId,
                UpdatedAt = time.GetUtcNow().UtcDateTime,
                RowVersion = before.RowVersion + 1,
            }),
            written => WriteSourceAsync(written, alongside, cancellationToken));

    /// <summary>Writes the change if the source's row is still as it was read; false when it moved or is gone.</summary>
    private async Task<bool> WriteSourceAsync(SourceChange change, Func<DatabaseTransaction, SourceChange, Task>? alongside, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE webhook_sources
            SET name = @Name, source_type = @SourceType, signature_scheme = @SignatureScheme, signing_secret = @SigningSecret,
                previous_signing_secret = @PreviousSigningSecret, previous_secret_expires_at = @PreviousSecretExpiresAt,
                event_id_path = @EventIdPath, event_type_path = @EventTypePath, is_default = @IsDefault, is_active = @IsActive,
                updated_at = @UpdatedAt, row_version = @RowVersion
            WHERE organization_id = @OrganizationId AND source_id = @SourceId AND row_version = @ReadVersion
            """;
        var source = change.After;
        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var (connection, inTransaction) = (transaction.Connection, transaction.Transaction);
        if (source.IsDefault)
        {
            // Before the source's own row: every default change takes the organization lock
            // first, so two of them never hold source rows the other needs. A write that does
            // not land rolls the clearing back below.
            await ClearDefaultAsync(connection, inTransaction, source.OrganizationId, source.SourceId, source.UpdatedAt, cancellationToken);
        }

        var parameters = new
        {
            source.Name, source.SourceType, source.SignatureScheme, source.SigningSecret, source.PreviousSigningSecret, source.PreviousSecretExpiresAt,
            source.EventIdPath, source.EventTypePath, source.IsDefault, source.IsActive, source.UpdatedAt, source.RowVersion,
            source.OrganizationId, source.SourceId, ReadVersion = change.Before.RowVersion,
        };
        if (await transaction.ExecuteAsync(sql, parameters, cancellationToken) != 1)
        {
            return false;
        }

        if (alongside is not null)
        {
            await alongside(transaction, change);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Clears the default flag on the organization's other sources. No unique key can say "one
    /// default per organization", and under READ COMMITTED two transactions each making a new
    /// default would not see each other's uncommitted row; so the organization's row is locked
    /// first (FOR UPDATE on MySQL; SQLite's IMMEDIATE transaction already excludes other writers),
    /// which serializes every default change of one organization.
    /// </summary>
    private async Task ClearDefaultAsync(
        DbConnection connection, DbTransaction transaction, string organizationId, string keepSourceId, DateTime now, CancellationToken cancellationToken)
    {
        var lockSql = database.Provider == DatabaseProvider.MySql
            ? "SELECT organization_id FROM organizations WHERE organization_id = @OrganizationId FOR UPDATE"
            : "SELECT organization_id FROM organizations WHERE organization_id = @OrganizationId";
        const string clearSql = """
            UPDATE webhook_sources SET is_default = @False, updated_at = @Now, row_version = row_version + 1
            WHERE organization_id = @OrganizationId AND source_id <> @KeepSourceId AND is_default = @True
            """;
        var parameters = new { False = false, True = true, Now = now, OrganizationId = organizationId, KeepSourceId = keepSourceId };
        await connection.QueryAsync<string>(new CommandDefinition(lockSql, parameters, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(clearSql, parameters, transaction, cancellationToken: cancellationToken));
    }
}
