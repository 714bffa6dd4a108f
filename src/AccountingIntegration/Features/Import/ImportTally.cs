namespace AccountingIntegration.Features.Import;

/// <summary>What happened to one table's rows in this run.</summary>
internal sealed class ImportTally(string table)
{
    public string Table { get; } = table;

    public long Rows { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; set; }

    public long Written { get; set; }

    /// <summary>Rows already in the database with the same key: an earlier, interrupted run wrote them.</summary>
    public long AlreadyPresent { get; set; }

    /// <summary>Rows this run skipped because the checkpoint says an earlier run finished them.</summary>
    public long ResumedAfter { get; set; }
}
