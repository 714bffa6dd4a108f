using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Books;

/// <summary>POST …/preferences: Id and SyncToken like any update; only the small writable subset changes.</summary>
public sealed class PreferencesUpdateTests
{
    [Fact]
    public async Task SparseUpdate_TurnsClassTrackingOn_AndClassesWork()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        var prefs = await sandbox.CreateAsync(token, "Preferences",
            """{"Id":"1","SyncToken":"0","sparse":true,"AccountingInfoPrefs":{"ClassTrackingPerTxnLine":true}}""");
        var created = await sandbox.CreateAsync(token, "Class", """{"Name":"Retail"}""");

        Assert.Equal("1", prefs["SyncToken"]!.GetValue<string>());
        Assert.True(prefs["AccountingInfoPrefs"]!["ClassTrackingPerTxnLine"]!.GetValue<bool>());
        Assert.False(prefs["AccountingInfoPrefs"]!["TrackDepartments"]!.GetValue<bool>());
        Assert.Equal("Retail", created["Name"]!.GetValue<string>());
        Assert.True(sandbox.State.GetCompanySettings(TestSandbox.DemoRealm).ClassTracking);
    }

    [Fact]
    public async Task Update_ReadOnlyFieldsIgnored_StaleOrMissingSyncTokenRefused()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        var prefs = await sandbox.CreateAsync(token, "Preferences",
            """{"Id":"1","SyncToken":"0","CurrencyPrefs":{"HomeCurrency":{"value":"EUR"}},"SalesFormsPrefs":{"CustomTxnNumbers":true}}""");
        using var stale = await sandbox.PostAsync(token, "preferences", """{"Id":"1","SyncToken":"0","sparse":true}""");
        using var missing = await sandbox.PostAsync(token, "preferences", """{"Id":"1","sparse":true}""");

        Assert.Equal("USD", prefs["CurrencyPrefs"]!["HomeCurrency"]!["value"]!.GetValue<string>());
        Assert.True(prefs["SalesFormsPrefs"]!["CustomTxnNumbers"]!.GetValue<bool>());
        await TestSandbox.FaultAsync(stale, HttpStatusCode.BadRequest, "5010");
        await TestSandbox.FaultAsync(missing, HttpStatusCode.BadRequest, "2020");
    }
}
