using AccountingIntegration.Features.Webhooks;

namespace AccountingIntegration.Features.Import;

/// <summary>
/// What an imported webhook payload becomes. The old system's unfinished payloads are not queued: the old service may
/// still have booked them after the export, and a second invoice is worse than a wait, so they land as
/// <c>failed</c> with a note, for an operator to replay once the old service is stopped (docs/import.md).
/// </summary>
internal static class PayloadImport
{
    public const string UnfinishedNote = "Imported unfinished from the old system; replay it to process it here.";

    private static readonly Dictionary<string, string> FinishedAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["success"] = PayloadStatus.Succeeded,
        ["completed"] = PayloadStatus.Succeeded,
        ["processed"] = PayloadStatus.Succeeded,
        ["error"] = PayloadStatus.Failed,
    };

    private static readonly HashSet<string> Unfinished = new(StringComparer.OrdinalIgnoreCase)
    {
        "pending", PayloadStatus.Queued, PayloadStatus.Processing, PayloadStatus.Retrying,
        PayloadStatus.WaitingConnection, PayloadStatus.WaitingDependency,
    };

    public static Rejection? Finish(Dictionary<string, object?> row, ImportContext context)
    {
        var old = (string)row["status"]!;
        string status;
        if (PayloadStatus.IsTerminal(old.ToLowerInvariant()))
        {
            status = old.ToLowerInvariant();
        }
        else if (FinishedAliases.TryGetValue(old, out var alias))
        {
            status = alias;
        }
        else if (Unfinished.Contains(old))
        {
            status = PayloadStatus.Failed;
            row["last_error"] = UnfinishedNote;
        }
        else
        {
            return new Rejection(Rejection.InvalidValue, $"status: '{old}' is not a payload status the import knows.");
        }

        row["status"] = status;
        row["processed"] = (bool)row["processed"]! || status == PayloadStatus.Succeeded;
        row["completed_at"] = row["updated_at"];
        return null;
    }

    /// <summary>The dedupe key lives in its own unpartitioned table (SPEC §4); a repeat delivery after the move is still a duplicate.</summary>
    public static CompanionRow? EventKey(IReadOnlyDictionary<string, object?> row) => row["event_key"] is null
        ? null
        : new CompanionRow("webhook_event_keys", new Dictionary<string, object?>
        {
            ["organization_id"] = row["organization_id"],
            ["source_id"] = row["source_id"],
            ["event_key"] = row["event_key"],
            ["payload_id"] = row["payload_id"],
            ["received_at"] = row["received_at"],
        });
}
