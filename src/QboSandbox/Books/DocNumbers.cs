using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// DocNumber (REFERENCE §3.3): at most 21 characters; with CustomTxnNumbers off a missing number (or
/// AUTO_GENERATE) is the largest numeric one + 1 from 1001; with it on, a missing number stays missing.
/// A duplicate is refused unless include=allowduplicatedocnum (6140 or 6210, REFERENCE §11).
/// </summary>
internal static class DocNumbers
{
    private const int MaxLength = 21;
    private const int First = 1001;

    public static string? Next(Company company, string entity, string? requested, Accounting.CreateContext context, string? ownId)
    {
        var table = company.Table(entity);
        if (requested is null && company.Settings.CustomTxnNumbers == true)
        {
            return null;
        }

        if (requested is null or "AUTO_GENERATE")
        {
            var last = Math.Max(table.LargestNumber("DocNumber"), First - 1);
            return (last + 1).ToString(CultureInfo.InvariantCulture);
        }

        if (requested.Length > MaxLength)
        {
            throw QboException.LengthOutOfRange("DocNumber", MaxLength, requested.Length);
        }

        if (context.Options.DuplicateDocNumberCheck && !context.AllowDuplicateDocNumber && Duplicate(table, requested, ownId) is { } existing)
        {
            throw new QboException(context.Options.DuplicateDocNumberErrorCode, "Duplicate Document Number Error",
                $"You must specify a different number. This number has already been used. DocNumber={requested} is assigned to TxnType={entity} with TxnId={existing["Id"]}",
                "DocNumber");
        }

        return requested;
    }

    /// <summary>Another row with this number; an update may keep its own.</summary>
    private static JsonObject? Duplicate(EntityTable table, string docNumber, string? ownId)
    {
        var found = table.FindBy("DocNumber", docNumber, ignoreCase: false);
        if (found is null || found["Id"]!.GetValue<string>() != ownId)
        {
            return found;
        }

        return table.Rows.FirstOrDefault(r => r != found && r["DocNumber"]?.GetValue<string>() == docNumber);
    }
}
