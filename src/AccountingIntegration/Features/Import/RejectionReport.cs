using System.Globalization;
using CsvHelper;

namespace AccountingIntegration.Features.Import;

/// <summary>
/// The CSV of every row the import did not take: table, the row's number in its export file, its key when it has
/// one, the reason code and a sentence. Each run writes it afresh (validation repeats every check); no value of a
/// secret or hash column is ever written to it.
/// </summary>
internal sealed class RejectionReport : IAsyncDisposable
{
    private readonly CsvWriter _csv;

    public RejectionReport(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        // Keys and messages come from the export: a cell starting with = + - @ is escaped so a spreadsheet shows text.
        _csv = CsvWriter.Create(new StreamWriter(Path), CsvWriterOptions.Default with { Injection = CsvInjection.Escape, InjectionEscape = '\'' });
        _csv.WriteRecord(["table", "row", "key", "reason", "message"]);
    }

    public string Path { get; }

    public int Count { get; private set; }

    public void Add(string table, long row, string? key, Rejection rejection)
    {
        _csv.WriteRecord([table, row.ToString(CultureInfo.InvariantCulture), key ?? "", rejection.Code, rejection.Message]);
        Count++;
    }

    public async ValueTask DisposeAsync() => await _csv.DisposeAsync();
}
