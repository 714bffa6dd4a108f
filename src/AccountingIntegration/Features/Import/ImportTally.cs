namespace AccountingIntegration.Features.Import;

/// <summary>What happened to one table's rows in this run.</summary>
internal sealed class ImportTally(string table)
{
    public string Table { get; } = table;

    public long Rows { get; set; }

    public long Accepted { get; set; }

    public long Rejected { get; set; }

    public long Written { get; set; }

    /// <summary>Rows an earlier run wrote (by its checkpoint), or found in the database under the same key.</summary>
    public long AlreadyPresent { get; set; }
}
