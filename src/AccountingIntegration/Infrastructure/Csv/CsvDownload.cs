using CsvHelper;

namespace AccountingIntegration.Infrastructure.Csv;

/// <summary>What every CSV download of the service shares: its writer's settings and its response headers.</summary>
internal static class CsvDownload
{
    // RFC 4180 quoting for commas, quotes and line breaks; a text cell starting with = + - @ tab or
    // CR gets a leading apostrophe, so a spreadsheet shows it as text instead of running a formula.
    // Numbers written as numbers (WriteField of a decimal) are left as they are.
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, InjectionEscape = '\'' };

    /// <summary>Marks the response as a CSV attachment of this name, never cached.</summary>
    public static void Start(HttpResponse response, string fileName)
    {
        response.ContentType = CsvRequest.ContentType + "; charset=utf-8";
        // File names are built from ASCII letters, digits and dashes, so plain quoting is enough.
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";
    }
}
