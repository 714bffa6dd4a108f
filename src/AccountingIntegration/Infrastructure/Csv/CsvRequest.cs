using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Infrastructure.Csv;

/// <summary>Whether a list request asks for CSV: <c>?format=csv</c>, or an Accept header naming text/csv.</summary>
internal static class CsvRequest
{
    public const string ContentType = "text/csv";

    public static bool Wanted(HttpRequest request, string? format) => format?.ToLowerInvariant() switch
    {
        "csv" => true,
        "json" => false,
        null => request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0),
        _ => throw ApiException.Validation(new Dictionary<string, string[]> { ["format"] = ["must be json or csv"] }),
    };
}
