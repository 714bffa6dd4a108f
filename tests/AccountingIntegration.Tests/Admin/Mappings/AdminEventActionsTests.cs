using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Tests.TestSupport;
using static AccountingIntegration.Tests.Admin.Mappings.AdminMappingWorld;

namespace AccountingIntegration.Tests.Admin.Mappings;

/// <summary>
/// <c>eventActions</c> on the three layer kinds: stored and shown (<c>{}</c> when none), kept by an update that does
/// not carry it, replaced by one that does, and refused field by field with a stable code when it cannot be carried out.
/// </summary>
public sealed class AdminEventActionsTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly string TooLong = new('x', 101);

    [Theory, BothDatabases]
    public async Task Templates_EventActions_RoundTripKeptByAPartialUpdateReplacedByOneThatCarriesThem(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var type = UniqueSourceType();

        using var created = await world.Admin.PostAsJsonAsync("/api/admin/templates", new
        {
            name = "Events", sourceType = type,
            eventActions = new Dictionary<string, object> { ["order.paid"] = "Sales_Receipt", [" refund "] = "credit_memo", ["order.gone"] = "ignore" },
        });
        var id = (await DataAsync(created)).GetProperty("templateId").GetString();
        var read = await DataAsync(await world.Viewer.GetAsync($"/api/admin/templates/{id}"));
        using var renamed = await world.Admin.PutAsJsonAsync($"/api/admin/templates/{id}", new { version = 1, name = "Renamed" });
        using var replaced = await world.Admin.PutAsJsonAsync($"/api/admin/templates/{id}", new
        {
            version = 2, eventActions = new Dictionary<string, object> { ["order.paid"] = "invoice", ["order.gone"] = "ignore" },
        });
        using var cleared = await world.Admin.PutAsJsonAsync($"/api/admin/templates/{id}", new { version = 3, eventActions = new { } });
        using var plain = await world.Admin.PostAsJsonAsync("/api/admin/templates", new { name = "Plain", sourceType = type });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([("order.paid", "sales_receipt"), ("refund", "credit_memo"), ("order.gone", "ignore")], Entries(read));
        Assert.Equal(Entries(read), Entries(await DataAsync(renamed)));
        Assert.Equal([("order.paid", "invoice"), ("order.gone", "ignore")], Entries(await DataAsync(replaced)));
        Assert.Empty(Entries(await DataAsync(cleared)));
        var plainView = await DataAsync(plain);
        Assert.Equal(JsonValueKind.Object, plainView.GetProperty("eventActions").ValueKind);
        Assert.Empty(Entries(plainView));
        var audits = await world.AuditEntriesAsync(e => e.TargetId == id, 4);
        Assert.Equal(["order.gone", "order.paid", "refund"], ChangedKeys(audits.Single(e => e.Action == "mapping_template.created")));
        var updates = audits.Where(e => e.Action == "mapping_template.updated").Select(ChangedKeys).ToList();
        Assert.Contains(updates, keys => keys.SequenceEqual(["order.paid", "refund"]));
        Assert.Contains(updates, keys => keys.SequenceEqual(["order.gone", "order.paid"]));
        Assert.Contains(updates, keys => keys.Count == 0);
    }

    [Theory, BothDatabases]
    public async Task CreateTemplate_InvalidEventActions_Is400NamingEachKeyWithItsCode(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));

        using var response = await world.Admin.PostAsJsonAsync("/api/admin/templates", new
        {
            name = "Stripe, wrongly", sourceType = "stripe",
            eventActions = new Dictionary<string, object?>
            {
                ["invoice.paid"] = "void",
                ["customer.created"] = "invoice",
                ["sale"] = "refund_receipt",
                ["refund"] = "bogus",
                ["payment"] = 5,
                ["cancellation"] = null,
                [""] = "auto",
                [TooLong] = "auto",
                ["Invoice.Voided"] = "void",
                ["invoice.some_new_event"] = "sales_receipt",
            },
        });
        var errors = (await JsonAsync(response)).GetProperty("errors");
        using var notAnObject = await world.Admin.PostAsJsonAsync("/api/admin/templates", new { name = "T", sourceType = "stripe", eventActions = new[] { "auto" } });
        using var twice = await world.Admin.PostAsJsonAsync("/api/admin/templates", new
        {
            name = "T", sourceType = "stripe", eventActions = new Dictionary<string, object> { ["Sale"] = "auto", ["sale"] = "invoice" },
        });
        var stored = await JsonAsync(await world.Admin.GetAsync("/api/admin/templates?sourceType=stripe&activeOnly=true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            [
                ("eventActions.", "INVALID_EVENT_KEY"),
                ("eventActions.cancellation", "UNKNOWN_EVENT_ACTION"),
                ("eventActions.customer.created", "EVENT_ACTION_NOT_ALLOWED"),
                ("eventActions.invoice.paid", "EVENT_ACTION_NOT_ALLOWED"),
                ("eventActions.payment", "UNKNOWN_EVENT_ACTION"),
                ("eventActions.refund", "UNKNOWN_EVENT_ACTION"),
                ("eventActions.sale", "EVENT_ACTION_NOT_ALLOWED"),
                ($"eventActions.{TooLong}", "INVALID_EVENT_KEY"),
            ],
            Codes(errors));
        Assert.Contains("use one of auto, invoice, invoice_and_payment, sales_receipt, ignore", errors.GetProperty("eventActions.invoice.paid")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        Assert.Equal([("eventActions", "INVALID_EVENT_ACTIONS")], Codes((await JsonAsync(notAnObject)).GetProperty("errors")));
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal([("eventActions", "INVALID_EVENT_KEY")], Codes((await JsonAsync(twice)).GetProperty("errors")));
        Assert.Equal(0, stored.GetProperty("pagination").GetProperty("total").GetInt64());
    }

    [Theory, BothDatabases]
    public async Task Templates_EventTypesTheAdapterDoesNotKnow_AreAccepted_MovingKeptActionsToAVendorChecksThem(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));

        using var vendor = await world.Admin.PostAsJsonAsync("/api/admin/templates", new
        {
            name = "Stripe receipts", sourceType = "stripe",
            eventActions = new Dictionary<string, object> { ["invoice.paid"] = "sales_receipt", ["invoice.brand_new_event"] = "credit_memo", ["sale"] = "invoice" },
        });
        var vendorId = (await DataAsync(vendor)).GetProperty("templateId").GetString();
        using var deactivated = await world.Admin.DeleteAsync($"/api/admin/templates/{vendorId}");
        using var custom = await world.Admin.PostAsJsonAsync("/api/admin/templates", new
        {
            name = "Custom", sourceType = UniqueSourceType(), eventActions = new Dictionary<string, object> { ["invoice.paid"] = "credit_memo" },
        });
        var customId = (await DataAsync(custom)).GetProperty("templateId").GetString();
        using var moved = await world.Admin.PutAsJsonAsync($"/api/admin/templates/{customId}", new { version = 1, sourceType = "stripe" });

        Assert.Equal(HttpStatusCode.Created, vendor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Created, custom.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Equal([("eventActions.invoice.paid", "EVENT_ACTION_NOT_ALLOWED")], Codes((await JsonAsync(moved)).GetProperty("errors")));
    }

    [Theory, BothDatabases]
    public async Task Overrides_EventActions_RoundTripKeptByAPartialUpdateReplacedByOneThatCarriesThem(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, _) = await world.OrganizationAsync(UniqueSourceType());
        var path = $"/api/admin/organizations/{org}/overrides";

        using var created = await world.Admin.PostAsJsonAsync(path, new { eventActions = new Dictionary<string, object> { ["invoice.paid"] = "sales_receipt" } });
        var createdView = await DataAsync(created);
        var id = createdView.GetProperty("overrideId").GetString();
        using var renamedResponse = await world.Admin.PutAsJsonAsync($"{path}/{id}", new { name = "Receipts", priority = 5 });
        var renamed = await DataAsync(renamedResponse);
        var listed = await DataAsync(await world.Viewer.GetAsync(path));
        using var replaced = await world.Admin.PutAsJsonAsync(path, new { overrideId = id, eventActions = new Dictionary<string, object> { ["sale"] = "invoice" } });
        var read = await DataAsync(await world.Viewer.GetAsync($"{path}/{id}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([("invoice.paid", "sales_receipt")], Entries(createdView));
        Assert.Equal(("Receipts", 5), (renamed.GetProperty("name").GetString(), renamed.GetProperty("priority").GetInt32()));
        Assert.Equal([("invoice.paid", "sales_receipt")], Entries(renamed));
        Assert.Equal([("invoice.paid", "sales_receipt")], Entries(listed[0]));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal([("sale", "invoice")], Entries(read));
        var update = (await world.AuditEntriesAsync(e => e.TargetId == id && e.Action == "mapping_override.updated", 2))
            .Select(ChangedKeys).Where(keys => keys.Count > 0);
        Assert.Equal(["invoice.paid", "sale"], Assert.Single(update));
    }

    [Theory, BothDatabases]
    public async Task Overrides_InvalidEventActions_Is400NamingEachKey_ASourcesAdapterChecksItsEvents(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, stripeSource) = await world.OrganizationAsync("stripe");
        var path = $"/api/admin/organizations/{org}/overrides";
        var creditMemoForPaidInvoices = new Dictionary<string, object> { ["invoice.paid"] = "credit_memo" };

        using var wrongMeaning = await world.Admin.PostAsJsonAsync(path, new { eventActions = new Dictionary<string, object> { ["sale"] = "void", ["refund"] = "nope" } });
        using var forTheSource = await world.Admin.PostAsJsonAsync(path, new { sourceId = stripeSource, eventActions = creditMemoForPaidInvoices });
        using var forAllSources = await world.Admin.PostAsJsonAsync(path, new { eventActions = creditMemoForPaidInvoices });
        var id = (await DataAsync(forAllSources)).GetProperty("overrideId").GetString();
        using var narrowed = await world.Admin.PutAsJsonAsync($"{path}/{id}", new { sourceId = stripeSource });
        using var fixedAndNarrowed = await world.Admin.PutAsJsonAsync($"{path}/{id}", new
        {
            sourceId = stripeSource, eventActions = new Dictionary<string, object> { ["invoice.paid"] = "sales_receipt" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, wrongMeaning.StatusCode);
        Assert.Equal([("eventActions.refund", "UNKNOWN_EVENT_ACTION"), ("eventActions.sale", "EVENT_ACTION_NOT_ALLOWED")],
            Codes((await JsonAsync(wrongMeaning)).GetProperty("errors")));
        Assert.Equal(HttpStatusCode.BadRequest, forTheSource.StatusCode);
        Assert.Equal([("eventActions.invoice.paid", "EVENT_ACTION_NOT_ALLOWED")], Codes((await JsonAsync(forTheSource)).GetProperty("errors")));
        Assert.Equal(HttpStatusCode.Created, forAllSources.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, narrowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fixedAndNarrowed.StatusCode);
        Assert.Equal(1, (await DataAsync(await world.Admin.GetAsync(path))).GetArrayLength());
    }

    [Theory, BothDatabases]
    public async Task SourceMapping_EventActions_RoundTripReplacedWholeByPut_KeptByDeactivation(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        await using var world = await StartAsync(database);
        var (org, source) = await world.OrganizationAsync(UniqueSourceType());
        var path = $"/api/admin/organizations/{org}/sources/{source}/mapping";
        var receipts = new Dictionary<string, object> { ["sale"] = "sales_receipt", ["order.test"] = "ignore" };

        using var saved = await world.Admin.PutAsJsonAsync(path, new { eventActions = receipts, priority = 2 });
        var read = await DataAsync(await world.Viewer.GetAsync(path));
        var listedSource = (await DataAsync(await world.Viewer.GetAsync($"/api/admin/organizations/{org}/sources")))[0];
        using var withoutThem = await world.Admin.PutAsJsonAsync(path, new { priority = 3 });
        using var again = await world.Admin.PutAsJsonAsync(path, new { eventActions = receipts });
        using var deactivated = await world.Admin.DeleteAsync(path);
        var stored = await Sql.ScalarAsync<string>(database.Database, "SELECT event_actions FROM mapping_configurations WHERE source_id = @Source", new { Source = source });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal([("sale", "sales_receipt"), ("order.test", "ignore")], Entries(read));
        Assert.Equal(Entries(read), Entries(listedSource.GetProperty("mapping")));
        Assert.Empty(Entries(await DataAsync(withoutThem)));
        Assert.Equal(Entries(read), Entries(await DataAsync(again)));
        Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        Assert.Equal(new Dictionary<string, string> { ["sale"] = "sales_receipt", ["order.test"] = "ignore" },
            JsonSerializer.Deserialize<Dictionary<string, string>>(stored!));
        var saves = await world.AuditEntriesAsync(e => e.OrganizationId == org && e.Action == "source_mapping.saved", 3);
        Assert.Equal(3, saves.Count(e => ChangedKeys(e).SequenceEqual(["order.test", "sale"])));
    }

    [Theory, BothDatabases]
    public async Task PutSourceMapping_InvalidEventActions_Is400NamingEachKeyAndStoresNothing(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, source) = await world.OrganizationAsync("paypal");
        var path = $"/api/admin/organizations/{org}/sources/{source}/mapping";

        using var response = await world.Admin.PutAsJsonAsync(path, new
        {
            eventActions = new Dictionary<string, object>
            {
                ["payment.capture.completed"] = "payment",
                ["PAYMENT.CAPTURE.REFUNDED"] = "refund_receipt",
                ["cancellation"] = "credit_memo",
                [TooLong] = "ignore",
            },
        });
        using var notAnObject = await world.Admin.PutAsJsonAsync(path, new { eventActions = "auto" });
        using var after = await world.Admin.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            [
                ("eventActions.cancellation", "EVENT_ACTION_NOT_ALLOWED"),
                ("eventActions.payment.capture.completed", "EVENT_ACTION_NOT_ALLOWED"),
                ($"eventActions.{TooLong}", "INVALID_EVENT_KEY"),
            ],
            Codes((await JsonAsync(response)).GetProperty("errors")));
        Assert.Equal([("eventActions", "INVALID_EVENT_ACTIONS")], Codes((await JsonAsync(notAnObject)).GetProperty("errors")));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task PutSourceMapping_GenericSourceActionsItCannotRun_Is400NamingEachKeyAndStoresNothing(DatabaseKind kind)
    {
        await using var world = await StartAsync(await databases.GetAsync(kind));
        var (org, source) = await world.OrganizationAsync(UniqueSourceType());
        var path = $"/api/admin/organizations/{org}/sources/{source}/mapping";
        var vendorActions = new Dictionary<string, object>
        {
            ["order.refunded"] = "refund_receipt", ["order.cancelled"] = "void", ["order.paid"] = "invoice_and_payment", ["order.created"] = "sales_receipt",
        };

        using var response = await world.Admin.PutAsJsonAsync(path, new { eventActions = vendorActions });
        var problem = await JsonAsync(response);
        using var after = await world.Admin.GetAsync(path);
        using var forTheSource = await world.Admin.PostAsJsonAsync($"/api/admin/organizations/{org}/overrides", new
        {
            sourceId = source, eventActions = new Dictionary<string, object> { ["sale"] = "void" },
        });
        using var runnable = await world.Admin.PutAsJsonAsync(path, new
        {
            eventActions = new Dictionary<string, object> { ["order.paid"] = "sales_receipt", ["order.created"] = "invoice", ["order.test"] = "ignore", ["sale"] = "auto" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.Equal(
            [
                ("eventActions.order.cancelled", "EVENT_ACTION_NOT_ALLOWED"),
                ("eventActions.order.paid", "EVENT_ACTION_NOT_ALLOWED"),
                ("eventActions.order.refunded", "EVENT_ACTION_NOT_ALLOWED"),
            ],
            Codes(problem.GetProperty("errors")));
        Assert.Contains("one of auto, invoice, sales_receipt, ignore, not 'void'", problem.GetProperty("errors").GetProperty("eventActions.order.cancelled")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forTheSource.StatusCode);
        Assert.Equal([("eventActions.sale", "EVENT_ACTION_NOT_ALLOWED")], Codes((await JsonAsync(forTheSource)).GetProperty("errors")));
        Assert.Equal(HttpStatusCode.OK, runnable.StatusCode);
    }

    /// <summary>A layer's eventActions as (key, action) pairs, in the order shown.</summary>
    private static List<(string, string)> Entries(JsonElement layer) =>
        [.. layer.GetProperty("eventActions").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!))];

    /// <summary>Each field of a validation problem with the code its first message starts with, by field name.</summary>
    private static List<(string, string)> Codes(JsonElement errors) =>
        [.. errors.EnumerateObject().Select(p => (p.Name, p.Value[0].GetString()!.Split(':')[0])).OrderBy(p => p.Name, StringComparer.Ordinal)];

    private static List<string> ChangedKeys(Features.Audit.AuditEntry entry) =>
        entry.Details["eventActionsChanged"] is { } keys ? [.. keys.AsArray().Select(key => (string)key!)] : [];
}
