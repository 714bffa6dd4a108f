using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// ClassRef on lines and DepartmentRef on transactions need class and location tracking on
/// (Preferences.AccountingInfoPrefs.ClassTrackingPerTxnLine / TrackDepartments). QBO's answer when
/// they are off is not documented; the sandbox refuses with 6000 so a test notices.
/// </summary>
internal static class Tracking
{
    public static void CheckClassRef(Company company, JsonObject detail, CreateContext context)
    {
        if (JsonRead.RefValue(detail, "ClassRef") is not { } classId)
        {
            return;
        }

        if (company.Settings.ClassTracking != true)
        {
            throw QboException.BusinessValidation("Class tracking is turned off for this company: remove ClassRef or turn it on.", "ClassRef");
        }

        var row = References.Require(company, EntityNames.Class, classId, "ClassRef", context);
        detail["ClassRef"] = JsonRead.Ref(classId, EntityRow.Name(row, "Name"));
    }

    public static void CheckDepartmentRef(Company company, JsonObject body, JsonObject row, CreateContext context)
    {
        if (JsonRead.RefValue(body, "DepartmentRef") is not { } departmentId)
        {
            return;
        }

        if (company.Settings.LocationTracking != true)
        {
            throw QboException.BusinessValidation("Location tracking is turned off for this company: remove DepartmentRef or turn it on.", "DepartmentRef");
        }

        var department = References.Require(company, EntityNames.Department, departmentId, "DepartmentRef", context);
        row["DepartmentRef"] = JsonRead.Ref(departmentId, EntityRow.Name(department, "Name"));
    }
}
