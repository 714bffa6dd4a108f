using AccountingIntegration.Infrastructure.Data;
using Dapper;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Alerts, their deliveries and their dedupe windows. A cause's window row (primary key: the dedupe key) is what
/// concurrent raisers agree on: the one that opens or reopens it inserts the alert and its deliveries, every other
/// one only counts a repeat on the alert the window points at, all in one transaction.
/// </summary>
internal sealed partial class AlertStore(Database database, TimeProvider time)
{
    private const string AlertColumns = "alert_id, organization_id, kind, dedupe_key, subject, details, link_protected, occurrences, created_at, last_seen_at";
    private const string DeliveryColumns = "delivery_id, alert_id, destination, url, state, attempts, next_attempt_at, last_error, sent_at";

    /// <summary>Whether an alert of this cause is inside its window now, so a raise would only count a repeat.</summary>
    public async Task<bool> IsWindowOpenAsync(string dedupeKey, CancellationToken cancellationToken) =>
        await database.QuerySingleOrDefaultAsync<int?>(
            "SELECT 1 FROM alert_windows WHERE dedupe_key = @Key AND window_ends_at > @Now",
            new { Key = dedupeKey, Now = time.GetUtcNow().UtcDateTime }, cancellationToken) is not null;

    /// <summary>
    /// Records the alert with a pending delivery per destination, or, inside its cause's window, counts one more
    /// occurrence on the alert already recorded. Returns the new alert, or null for a repeat.
    /// </summary>
    public async Task<Alert?> RaiseAsync(NewAlert alert, string? linkProtected, IReadOnlyList<(string Destination, string Url)> destinations, TimeSpan window,
        CancellationToken cancellationToken)
    {
        // The window is reclaimed or opened before the alert is written, and a repeat only touches the window's alert,
        // so two raisers of one cause never both insert. The UPDATE comes first: on MySQL, an INSERT IGNORE that meets
        // the row takes a shared lock, which a later UPDATE in the same transaction would have to upgrade.
        const string reclaimSql = "UPDATE alert_windows SET alert_id = @AlertId, window_ends_at = @Until WHERE dedupe_key = @Key AND window_ends_at <= @Now";
        var openSql = $"{database.Dialect.InsertIgnore} INTO alert_windows (dedupe_key, alert_id, window_ends_at) VALUES (@Key, @AlertId, @Until)";
        const string repeatSql = """
            UPDATE alerts SET occurrences = occurrences + 1, last_seen_at = @Now
            WHERE alert_id = (SELECT alert_id FROM alert_windows WHERE dedupe_key = @Key)
            """;
        const string insertSql = $"INSERT INTO alerts ({AlertColumns}) VALUES (@AlertId, @OrganizationId, @Kind, @DedupeKey, @Subject, @Details, @LinkProtected, @Occurrences, @CreatedAt, @LastSeenAt)";
        const string deliverySql = $"INSERT INTO alert_deliveries ({DeliveryColumns}) VALUES (@DeliveryId, @AlertId, @Destination, @Url, @State, @Attempts, @NextAttemptAt, @LastError, @SentAt)";

        var now = time.GetUtcNow().UtcDateTime;
        var row = new Alert
        {
            AlertId = Ids.New(time),
            OrganizationId = alert.OrganizationId,
            Kind = alert.Kind,
            DedupeKey = alert.DedupeKey,
            Subject = alert.Subject,
            Details = alert.Details.ToJsonString(),
            LinkProtected = linkProtected,
            Occurrences = 1,
            CreatedAt = now,
            LastSeenAt = now,
        };
        var windowArgs = new { row.AlertId, Key = alert.DedupeKey, Until = now + window, Now = now };

        await using var transaction = await database.BeginTransactionAsync(cancellationToken);
        var connection = transaction.Connection;
        var opened = await connection.ExecuteAsync(new CommandDefinition(reclaimSql, windowArgs, transaction.Transaction, cancellationToken: cancellationToken)) == 1
                     || await connection.ExecuteAsync(new CommandDefinition(openSql, windowArgs, transaction.Transaction, cancellationToken: cancellationToken)) == 1;
        if (!opened)
        {
            await connection.ExecuteAsync(new CommandDefinition(repeatSql, windowArgs, transaction.Transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(insertSql, row, transaction.Transaction, cancellationToken: cancellationToken));
        foreach (var (destination, url) in destinations)
        {
            var delivery = new AlertDelivery
            {
                DeliveryId = Ids.New(time),
                AlertId = row.AlertId,
                Destination = destination,
                Url = url,
                State = AlertStates.Pending,
                NextAttemptAt = now,
            };
            await connection.ExecuteAsync(new CommandDefinition(deliverySql, delivery, transaction.Transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    public Task<Alert?> GetAsync(string alertId, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<Alert>($"SELECT {AlertColumns} FROM alerts WHERE alert_id = @AlertId", new { AlertId = alertId }, cancellationToken);
}
