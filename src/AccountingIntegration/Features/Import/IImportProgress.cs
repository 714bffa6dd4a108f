namespace AccountingIntegration.Features.Import;

/// <summary>Shows how far the import is: one step (a table's check or write) at a time.</summary>
internal interface IImportProgress
{
    void Start(string step, long total);

    void Advance(long rows);

    void Complete();
}
