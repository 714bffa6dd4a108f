namespace AccountingIntegration.Infrastructure.Csv;

/// <summary>
/// How much one export may hold and how many rows each database read fetches. Registering
/// another instance replaces the defaults (tests use small numbers to cross page boundaries).
/// </summary>
internal sealed record ExportLimits(int MaxRows, int PageSize)
{
    public static readonly ExportLimits Default = new(100_000, 500);

    public static ExportLimits For(HttpContext http) => http.RequestServices.GetService<ExportLimits>() ?? Default;
}
