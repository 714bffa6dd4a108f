using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Infrastructure.Csv;

/// <summary>
/// Prepares the CSV download of a filtered log, for the <c>/export</c> routes and the list routes'
/// <c>?format=csv</c>. A filter matching more than <see cref="ExportLimits.MaxRows"/> is refused
/// before anything is written, rather than cut short in a file that looks complete.
/// </summary>
internal static class CsvExport
{
    public const string TooLarge = "EXPORT_TOO_LARGE";

    public static async Task<CsvFile<T>> PrepareAsync<T>(
        HttpContext http, TimeProvider time, string kind, IReadOnlyList<CsvColumn<T>> columns, ExportQuery<T> query, CancellationToken cancellationToken)
    {
        var limits = ExportLimits.For(http);
        if (await query.CountAsync(limits.MaxRows + 1, cancellationToken) > limits.MaxRows)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, TooLarge,
                $"More than {limits.MaxRows} rows match. Narrow the filter (from, to, organizationId) and export in parts.");
        }

        var fileName = $"{kind}-{time.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.csv";
        return new CsvFile<T>(fileName, columns, token => query.PagesAsync(limits, token));
    }
}

internal static class CsvExportRegistration
{
    /// <summary>The keyset reader every feature's CSV export uses.</summary>
    public static void AddCsvExports(this IHostApplicationBuilder builder) => builder.Services.AddSingleton<ExportReader>();
}
