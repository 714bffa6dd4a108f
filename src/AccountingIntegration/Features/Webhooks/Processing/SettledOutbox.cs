using AccountingIntegration.Features.Sync;
using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>A kept outcome: what its subscribers are told, by the sync log row of the attempt that ended so.</summary>
internal sealed record KeptOutcome
{
    public required string LogId { get; init; }

    public required string OrganizationId { get; init; }

    public required string PayloadId { get; init; }

    public required string Status { get; init; }

    public string? Code { get; init; }

    public DateTime SettledAt { get; init; }

    public PayloadSettled Settled => new(OrganizationId, PayloadId, Status, Code);
}

/// <summary>
/// Failed and dead outcomes until their subscribers have been told (table <c>payload_settled_outbox</c>). Each is
/// kept in the outcome's own transaction and let go once every subscriber took it; one that was not (a crash just
/// after the commit, a subscriber that failed) comes due after <see cref="Grace"/> and is told again by
/// <see cref="SettledOutboxSweep"/>, on whichever instance claims it. Subscribers are told at least once.
/// </summary>
internal sealed class SettledOutbox(Database database, TimeProvider time)
{
    /// <summary>How long the attempt that wrote an outcome has to tell its subscribers before a sweep may do it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>How long a sweep that claimed an outcome has to tell its subscribers before another sweep may.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>The outcomes whose subscribers act on them (the alerts); the others are told live only.</summary>
    public static bool Keeps(string status) => status is PayloadStatus.Failed or PayloadStatus.Dead;

    private const string Columns = "log_id, organization_id, payload_id, status, code, settled_at";

    /// <summary>Keeps the outcome <paramref name="log"/> records, inside the outcome's transaction.</summary>
    public Task KeepAsync(DatabaseTransaction transaction, SyncLog log, CancellationToken cancellationToken) =>
        transaction.Connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO payload_settled_outbox ({Columns}, due_at) VALUES (@LogId, @OrganizationId, @PayloadId, @Status, @ErrorCode, @CreatedAt, @DueAt)",
            new { log.LogId, log.OrganizationId, log.PayloadId, log.Status, log.ErrorCode, log.CreatedAt, DueAt = log.CreatedAt + Grace },
            transaction.Transaction, cancellationToken: cancellationToken));

    /// <summary>Its subscribers were told: the outcome is let go.</summary>
    public Task ReleaseAsync(string logId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM payload_settled_outbox WHERE log_id = @LogId", new { LogId = logId }, cancellationToken);

    /// <summary>Outcomes due now, oldest first, that no sweep holds.</summary>
    public Task<IReadOnlyList<KeptOutcome>> ListDueAsync(int limit, CancellationToken cancellationToken) =>
        database.QueryListAsync<KeptOutcome>(
            $"SELECT {Columns} FROM payload_settled_outbox WHERE due_at <= @Now ORDER BY due_at, log_id {database.Dialect.Paging}",
            new { Now = time.GetUtcNow().UtcDateTime, Limit = limit, Offset = 0 }, cancellationToken);

    /// <summary>
    /// Takes a due outcome for one telling: it comes due again after <see cref="Lease"/>, so another instance skips it
    /// meanwhile and takes it over should this one stop. True for exactly one claimer.
    /// </summary>
    public async Task<bool> TryClaimAsync(string logId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await database.ExecuteAsync(
            "UPDATE payload_settled_outbox SET due_at = @LeaseEnd WHERE log_id = @LogId AND due_at <= @Now",
            new { LogId = logId, Now = now, LeaseEnd = now + Lease }, cancellationToken) == 1;
    }
}
