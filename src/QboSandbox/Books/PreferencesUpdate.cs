using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// POST …/preferences: Preferences are "mostly read-only, with a very small subset writable" (Intuit's Preferences
/// reference, as SDK docs quote it). Writable here: AccountingInfoPrefs.TrackDepartments and
/// ClassTrackingPerTxnLine (CData's QuickBooks Online tables mark them writable) and SalesFormsPrefs.CustomTxnNumbers;
/// every other field sent is ignored, and fields not sent keep their values (a full update is read like a sparse one).
/// Needs Id "1" and the current SyncToken, like any update. Call under the gate.
/// </summary>
internal static class PreferencesUpdate
{
    public static JsonObject Apply(Company company, JsonObject body, CreateContext context)
    {
        var table = company.Table(EntityNames.Preferences);
        var id = JsonRead.Str(body, "Id") ?? throw QboException.RequiredMissing("Id");
        var current = table.Find(id) ?? throw QboException.ObjectNotFound("Id");
        var syncToken = JsonRead.Str(body, "SyncToken") ?? throw QboException.RequiredMissing("SyncToken");
        if (syncToken != current["SyncToken"]!.GetValue<string>())
        {
            throw new QboException("5010", "Stale Object Error",
                "Stale Object Error : You and Sandbox User were working on this at the same time. Sandbox User finished before you did, so your work was not saved.",
                "SyncToken");
        }

        var accounting = JsonRead.Obj(body, "AccountingInfoPrefs");
        var salesForms = JsonRead.Obj(body, "SalesFormsPrefs");
        CompanySetup.Apply(company, new CompanySettings
        {
            LocationTracking = accounting is null ? null : JsonRead.Bool(accounting, "TrackDepartments"),
            ClassTracking = accounting is null ? null : JsonRead.Bool(accounting, "ClassTrackingPerTxnLine"),
            CustomTxnNumbers = salesForms is null ? null : JsonRead.Bool(salesForms, "CustomTxnNumbers"),
        }, context);
        return table.Find(id)!.DeepClone().AsObject();
    }
}
