using System.Text.Json.Nodes;

namespace QboSandbox.Reports;

/// <summary>
/// Where the reports show income and expense of earlier periods: the company's account of detail type RetainedEarnings
/// when it has one (QBO's companies do; the sandbox's chart does not), else a row of this name without an id.
/// </summary>
internal static class RetainedEarnings
{
    public const string Name = "Retained Earnings";

    public static JsonObject? AccountOf(IEnumerable<JsonObject> accounts) =>
        accounts.FirstOrDefault(a => a["AccountSubType"]?.GetValue<string>() == "RetainedEarnings");
}
