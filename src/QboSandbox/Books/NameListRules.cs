using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Class and Department (location): Name required (2020), unique (6240), no colon; they exist for
/// companies that track them (Preferences.AccountingInfoPrefs.ClassTrackingPerTxnLine / TrackDepartments),
/// otherwise 6000. Call under the gate.
/// </summary>
internal static class NameListRules
{
    public static JsonObject Build(Company company, string entity, JsonObject body, CreateContext context, JsonObject? existing)
    {
        var tracked = entity == EntityNames.Class ? company.Settings.ClassTracking : company.Settings.LocationTracking;
        if (tracked != true)
        {
            throw QboException.BusinessValidation(
                $"{(entity == EntityNames.Class ? "Class" : "Location")} tracking is turned off for this company.", "Name");
        }

        var name = JsonRead.Str(body, "Name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw QboException.RequiredMissing("Name");
        }

        EntityRow.CheckLength(name, "Name", 100);
        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw QboException.BusinessValidation("Invalid character : in Name. The colon character is not allowed in names.", "Name");
        }

        var table = company.Table(entity);
        if (table.FindBy("Name", name, ignoreCase: true) is { } taken && taken["Id"]!.GetValue<string>() != existing?["Id"]?.GetValue<string>())
        {
            throw QboException.DuplicateName(entity == EntityNames.Class ? "class" : "location");
        }

        var row = existing is null ? EntityRow.Start(table.NextId(), context.Now) : EntityRow.NextVersion(existing, context.Now);
        row["Name"] = name;
        row["FullyQualifiedName"] = name;
        row["Active"] = JsonRead.Bool(body, "Active") ?? true;
        row[entity == EntityNames.Class ? "SubClass" : "SubDepartment"] = false;
        EntityRow.CopyClientFields(row, body, "FullyQualifiedName");
        return row;
    }
}
