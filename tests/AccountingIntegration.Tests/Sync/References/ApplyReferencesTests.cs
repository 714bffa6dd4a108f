using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Mapping;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Sync.References;

/// <summary>Resolver requests of a draft written back into the invoice, up to QBO accepting it.</summary>
public sealed class ApplyReferencesTests
{
    private static JsonObject Line(string item, decimal price) => new()
    {
        ["DetailType"] = "SalesItemLineDetail",
        ["Amount"] = price,
        ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = item }, ["Qty"] = 1m, ["UnitPrice"] = price },
    };

    [Fact]
    public async Task Apply_MultiLineDraft_WritesEachIdInPlaceAndCreatesEachNewNameOnce()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var items = await world.Session.CountAsync("Item");
        var invoice = new JsonObject
        {
            ["CustomerRef"] = new JsonObject { ["value"] = "Birds@Intuit.com" },
            ["Line"] = new JsonArray(Line("Hours", 50m), Line("Brand New Thing", 5m), Line("brand new thing", 6m)),
        };
        ResolverRequest[] requests =
        [
            new("CustomerRef.value", "Customer", "Birds@Intuit.com", null),
            new("Line[0].SalesItemLineDetail.ItemRef.value", "Item", "Hours", 0),
            new("Line[1].SalesItemLineDetail.ItemRef.value", "Item", "Brand New Thing", 1),
            new("Line[2].SalesItemLineDetail.ItemRef.value", "Item", "brand new thing", 2),
        ];

        await world.Resolver().ApplyAsync(world.Session.Credentials, invoice, requests, ReferenceWorld.CreateAll, null, default);

        Assert.Equal("1", (string?)invoice["CustomerRef"]!["value"]);
        var ids = invoice["Line"]!.AsArray().Select(line => (string?)line!["SalesItemLineDetail"]!["ItemRef"]!["value"]).ToList();
        Assert.Equal("2", ids[0]);
        Assert.NotEqual("Brand New Thing", ids[1]);
        Assert.Equal(ids[1], ids[2]);
        Assert.Equal(items + 1, await world.Session.CountAsync("Item"));
    }

    [Fact]
    public async Task Apply_GenericDraftFromBuiltInTemplate_InvoiceIsAcceptedByQbo()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var template = BuiltInTemplates.ForSourceType("generic")!;
        var mapping = MappingMerger.Merge([new MappingLayer(template.Name, LayerKind.Template, template.Priority, DateTime.UnixEpoch, template.FieldMappings, template.StaticValues)])!;
        // The sandbox's demo company keeps its books in US dollars, without multicurrency.
        var order = JsonNode.Parse(GenericOrder.Json)!;
        order["currency"] = "usd";
        using var payload = JsonDocument.Parse(order.ToJsonString());
        var draft = InvoiceDraftBuilder.Build(payload.RootElement, mapping);
        Assert.True(draft.IsValid, string.Join("; ", draft.Errors.Select(e => e.Message)));
        Assert.Equal(4, draft.Resolvers.Count);

        await world.Resolver().ApplyAsync(world.Session.Credentials, draft.Invoice, draft.Resolvers, ReferenceWorld.CreateAll, null, default);
        var created = await world.Session.Client.CreateInvoiceAsync(world.Session.Credentials, draft.Invoice, "generic-order-2026-0042", default);

        var customer = await world.ReadAsync("Customer", (string)created["CustomerRef"]!["value"]!);
        Assert.Equal("billing@acme.example", (string?)customer["PrimaryEmailAddr"]?["Address"]);
        var lineItems = created["Line"]!.AsArray()
            .Where(line => (string?)line!["DetailType"] == "SalesItemLineDetail")
            .Select(line => (string?)line!["SalesItemLineDetail"]!["ItemRef"]!["name"])
            .ToList();
        Assert.Equal(["CONSULT-H", "TRAVEL", "LIC-SEAT"], lineItems);
        Assert.Equal(1080m, (decimal)created["TotalAmt"]!);
    }
}
