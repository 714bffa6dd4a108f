using System.Text.RegularExpressions;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>The realm and the operation of an Accounting API URL: <c>/v3/company/{realm}/{operation}[/…]</c>.</summary>
internal static partial class QboPath
{
    /// <summary>Both null for a URL outside the Accounting API. The operation is "invoice", "query", "companyinfo" …, never an id.</summary>
    public static (string? RealmId, string? Operation) Parse(Uri? uri)
    {
        var match = AfterRealm().Match(uri?.AbsolutePath ?? string.Empty);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value.ToLowerInvariant()) : (null, null);
    }

    [GeneratedRegex("/v3/company/([^/]+)/([^/?]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AfterRealm();
}
