using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.Admin.Keys;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>A sale sent again, previewed: what is booked already is named, and only the payment booking would add is shown.</summary>
public sealed partial class BookingPreviewTests
{
    private static string Order(string type, string eventId, string? paid) => new JsonObject
    {
        ["id"] = eventId,
        ["type"] = type,
        ["occurredAt"] = "2026-03-02T10:00:00Z",
        ["order"] = JsonNode.Parse($$"""
            { "id": "ord_p1", "date": "2026-03-01", "currency": "USD", "customer": { "name": "Jo Bloggs" },
              "lines": [ { "sku": "MUG", "description": "Mug", "quantity": 1, "unitPrice": "100.00" } ],
              "total": "100.00" {{(paid is null ? "" : $", \"paid\": \"{paid}\"")}} }
            """),
    }.ToJsonString();

    private static List<(string Role, string Type, decimal Total, string? BookedAs)> Documents(JsonElement books) =>
        [.. books.GetProperty("documents").EnumerateArray().Select(d => (
            d.GetProperty("role").GetString()!, d.GetProperty("entityType").GetString()!, d.GetProperty("total").GetDecimal(),
            d.GetProperty("bookedAs").ValueKind == JsonValueKind.String ? d.GetProperty("bookedAs").GetString() : null))];

    /// <summary>
    /// An order placed unpaid, then a payment of 40.00 received: the order restated paid 40.00 would book no payment (it is
    /// booked), and restated paid 70.00 only the 30.00 more, which is what booking it then books.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Preview_OrderRestatedWithWhatIsPaid_ShowsTheInvoiceBookedAndOnlyThePaymentStillToBook(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders");
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);
        var placed = await world.DeliverAsync(Order("order.created", "evt_p1", paid: null));
        Assert.True(placed.Status == PayloadStatus.Succeeded, placed.ToString());
        var payment = await world.DeliverAsync("""
            { "id": "evt_p2", "type": "payment.received", "order": { "id": "ord_p1", "currency": "USD" },
              "payment": { "id": "pay_p2", "amount": "40.00", "date": "2026-03-03" } }
            """);
        Assert.True(payment.Status == PayloadStatus.Succeeded, payment.ToString());
        var invoice = $"Invoice {placed.DocumentId}";

        var paidAlready = await PreviewAsync(admin, world, JsonNode.Parse(Order("order.updated", "evt_p3", paid: "40.00"))!);
        var paidMore = await PreviewAsync(admin, world, JsonNode.Parse(Order("order.updated", "evt_p4", paid: "70.00"))!);

        Assert.Equal([("sale", "Invoice", 100.00m, invoice)], Documents(paidAlready));
        Assert.Contains(paidAlready.GetProperty("notes").EnumerateArray(),
            n => n.GetString()!.StartsWith("PAID_ALREADY: the sale says 40.00 is paid, and payments of 40.00 are booked", StringComparison.Ordinal));
        Assert.Equal([("sale", "Invoice", 100.00m, invoice), ("payment", "Payment", 30.00m, null)], Documents(paidMore));

        var booked = await world.DeliverAsync(Order("order.updated", "evt_p4", paid: "70.00"));
        Assert.True(booked.Status == PayloadStatus.Succeeded, booked.ToString());
        Assert.Equal([30.00m, 40.00m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());
    }

    /// <summary>
    /// An order placed with 40.00 paid, then marked paid: its payment is booked, and booking adds a payment of the 60.00
    /// paid since, once; the preview shows both, and after the booking names the second as booked too.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Preview_OrderPaidSinceItWasBooked_ShowsThePaymentOfTheRest(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "orders");
        await using var admin = await AdminHarness.OnAsync(world.Connect.Service);
        var placed = await world.DeliverAsync(Order("order.created", "evt_q1", paid: "40.00"));
        Assert.True(placed.Status == PayloadStatus.Succeeded, placed.ToString());
        var first = Assert.Single(world.Entities("Payment"));

        var before = await PreviewAsync(admin, world, JsonNode.Parse(Order("order.paid", "evt_q2", paid: null))!);
        var paid = await world.DeliverAsync(Order("order.paid", "evt_q2", paid: null));
        Assert.True(paid.Status == PayloadStatus.Succeeded, paid.ToString());
        var second = Assert.Single(world.Entities("Payment"), p => (decimal)p["TotalAmt"]! == 60.00m);
        var after = await PreviewAsync(admin, world, JsonNode.Parse(Order("order.paid", "evt_q3", paid: null))!);

        Assert.Equal(
            [("sale", "Invoice", 100.00m, $"Invoice {placed.DocumentId}"), ("payment", "Payment", 100.00m, $"Payment {first["Id"]}"), ("payment@100.00", "Payment", 60.00m, null)],
            Documents(before));
        Assert.Equal(("payment@100.00", 60.00m, $"Payment {second["Id"]}"), (Documents(after)[2].Role, Documents(after)[2].Total, Documents(after)[2].BookedAs));
    }
}
