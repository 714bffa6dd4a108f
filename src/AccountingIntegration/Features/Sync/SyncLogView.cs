namespace AccountingIntegration.Features.Sync;

/// <summary>An attempt in a list, without its request and response bodies (the payload's detail route has them).</summary>
internal sealed record SyncLogView(
    string LogId, DateTime CreatedAt, string OrganizationId, string PayloadId, string? SourceId, string Status, int Attempt,
    string? QboRequestId, string? QboInvoiceId, string? ErrorCode, string? ErrorMessage, int DurationMs)
{
    public static SyncLogView From(SyncLog l) =>
        new(l.LogId, l.CreatedAt, l.OrganizationId, l.PayloadId, l.SourceId, l.Status, l.Attempt, l.QboRequestId, l.QboInvoiceId, l.ErrorCode, l.ErrorMessage, l.DurationMs);
}
