namespace AccountingIntegration.Features.Webhooks;

/// <summary>The life cycle of a webhook payload (SPEC §6); stored as these strings.</summary>
internal static class PayloadStatus
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Succeeded = "succeeded";
    public const string Skipped = "skipped";
    public const string WaitingConnection = "waiting_connection";

    /// <summary>A refund, payment or cancellation whose sale is not booked yet; it waits for it, up to a time limit.</summary>
    public const string WaitingDependency = "waiting_dependency";
    public const string Failed = "failed";
    public const string Retrying = "retrying";
    public const string Dead = "dead";

    /// <summary>It was booked, and someone has since edited, voided or deleted its document in QBO (docs/books.md).</summary>
    public const string Drifted = "drifted";

    /// <summary>Outcomes after which the payload leaves the work queue.</summary>
    public static bool IsTerminal(string status) => status is Succeeded or Skipped or Failed or Dead or Drifted;
}
