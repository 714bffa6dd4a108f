namespace AccountingIntegration.Features.Sync;

/// <summary>
/// What an attempt ended as. A sync log's status is the payload outcome of that attempt, so these
/// are the payload statuses an attempt can leave behind.
/// </summary>
internal static class SyncLogStatuses
{
    public static readonly IReadOnlyList<string> All =
        ["queued", "processing", "succeeded", "skipped", "waiting_connection", "waiting_dependency", "failed", "retrying", "dead", "drifted"];
}
