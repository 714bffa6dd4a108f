using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>Currency references with QBO's display names.</summary>
internal static class Currencies
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["USD"] = "United States Dollar",
        ["CAD"] = "Canadian Dollar",
        ["GBP"] = "British Pound Sterling",
        ["AUD"] = "Australian Dollar",
        ["EUR"] = "Euro",
        ["JPY"] = "Japanese Yen",
        ["NZD"] = "New Zealand Dollar",
        ["CHF"] = "Swiss Franc",
        ["MXN"] = "Mexican Peso",
        ["INR"] = "Indian Rupee",
    };

    public static JsonObject Ref(string code) => JsonRead.Ref(code, Names.GetValueOrDefault(code, code));

    public static JsonObject Home(Company company) => Ref(company.Settings.HomeCurrency!);

    public static bool IsKnown(string code) => code.Length == 3 && code.All(char.IsAsciiLetterUpper);
}
