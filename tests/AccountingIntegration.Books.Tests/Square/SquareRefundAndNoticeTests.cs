using System.Text.Json;
using AccountingIntegration.Books.Tests.Support;
using static AccountingIntegration.Books.Tests.Square.SquareDelivery;

namespace AccountingIntegration.Books.Tests.Square;

public sealed class SquareRefundAndNoticeTests
{
    [Fact]
    public void RefundCreated_PendingRefund_IsNoMoney()
    {
        using var fixture = Fixtures.Load("square/refund.created.json");

        var read = Read(fixture.RootElement);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("refund:KkAkhdMsgzn59SM8A89WgKwekxLZY_ptNBVqHYxt5gAdfcobBe4u1AZsXhoz06KTtuq9Ls24P", read.Subject.Key);
        Assert.Contains("pending", read.IgnoredBecause);
    }

    [Fact]
    public void RefundUpdated_CompletedRefund_IsARefundOfThePayment()
    {
        using var fixture = Fixtures.Load("square/refund.updated.json");
        var refund = fixture.RootElement.GetProperty("data").GetProperty("object").GetProperty("refund");

        var read = Read(fixture.RootElement);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal($"refund:{refund.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Equal($"payment:{refund.GetProperty("payment_id").GetString()}", read.Original!.Key);
        var booked = Assert.Single(read.Refunds);
        Assert.Equal(refund.GetProperty("id").GetString(), booked.RefundId);
        Assert.Equal(Dollars(refund.GetProperty("amount_money")), booked.Amount);
        Assert.Equal((10.00m, "USD", new DateOnly(2020, 2, 6)), (booked.Amount, booked.Currency, booked.Date));
    }

    // Written from Square's RefundUpdatedEvent example (api.json) for a yen refund: JPY has no minor unit,
    // so 1500 is 1,500 yen, not 15.
    private const string CompletedYenRefund = """
        {
          "merchant_id": "MLJP000000001", "type": "refund.updated", "event_id": "4f0a9c2e-0000-4000-8000-000000000002",
          "created_at": "2024-09-01T03:00:00.000Z",
          "data": { "type": "refund", "id": "RefJpy1",
            "object": { "refund": {
              "id": "RefJpy1", "status": "COMPLETED", "payment_id": "PayJpy1", "order_id": "OrdJpy1", "reason": "Wrong size",
              "amount_money": { "amount": 1500, "currency": "JPY" },
              "processing_fee": [{ "effective_at": "2024-09-01T03:00:00.000Z", "type": "INITIAL", "amount_money": { "amount": -48, "currency": "JPY" } }],
              "created_at": "2024-09-01T02:55:00.000Z", "updated_at": "2024-09-01T03:00:00.000Z"
            } } }
        }
        """;

    [Fact]
    public void RefundUpdated_CompletedYenRefund_ReadsWholeYen()
    {
        using var document = JsonDocument.Parse(CompletedYenRefund);

        var read = Read(document.RootElement);

        var refund = Assert.Single(read.Refunds);
        Assert.Equal(("RefJpy1", 1500m, "JPY", "Wrong size"), (refund.RefundId, refund.Amount, refund.Currency, refund.Reason));
        Assert.Equal("payment:PayJpy1", read.Original!.Key);
    }

    [Theory]
    [InlineData("REJECTED", "rejected")]
    [InlineData("FAILED", "failed")]
    public void RefundUpdated_NotCompleted_IsNoMoney(string status, string reason)
    {
        using var document = JsonDocument.Parse(CompletedYenRefund.Replace("\"COMPLETED\"", $"\"{status}\"", StringComparison.Ordinal));

        var read = Read(document.RootElement);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains(reason, read.IgnoredBecause);
    }

    [Fact]
    public void OrderUpdated_NoticeWithoutAmounts_IsNoMoney()
    {
        using var fixture = Fixtures.Load("square/order.updated.json");

        var read = Read(fixture.RootElement);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("order:eA3vssLHKJrv9H0IdJCM3gNqfdcZY", read.Subject.Key);
        Assert.Equal("The order notice carries no amounts; the payment is booked from payment.updated.", read.IgnoredBecause);
    }

    [Fact]
    public void TestNotification_IsNoMoney()
    {
        using var fixture = Fixtures.Load("square/webhooks.test_notification.json");

        var read = Read(fixture.RootElement);

        Assert.Equal(("webhooks.test_notification", EventMeaning.NoMoney), (read.EventType, read.Meaning));
        Assert.False(string.IsNullOrWhiteSpace(read.IgnoredBecause));
    }

    [Fact]
    public void TestNotificationSignatureVector_NamesABodyThatIsNoMoney()
    {
        using var sidecar = Fixtures.Load("square/webhooks.test_notification.signature.json");
        using var body = Fixtures.Load($"square/{sidecar.RootElement.GetProperty("body_file").GetString()}");

        Assert.Equal(EventMeaning.NoMoney, Read(body.RootElement).Meaning);
    }

    [Fact]
    public void UnknownType_IsNoMoneyNamingIt()
    {
        using var document = JsonDocument.Parse("""{ "type": "invoice.published", "event_id": "e1", "data": { "type": "invoice", "id": "inv1" } }""");

        var read = Read(document.RootElement);

        Assert.Equal(("invoice.published is not an event the books use.", "invoice:inv1"), (read.IgnoredBecause, read.Subject.Key));
    }

    [Fact]
    public void EventType_IsTheBodysType()
    {
        using var fixture = Fixtures.Load("square/refund.updated.json");
        using var notJson = JsonDocument.Parse("[]");

        Assert.Equal("refund.updated", Adapter.EventType(new Dictionary<string, string>(), fixture.RootElement));
        Assert.Null(Adapter.EventType(new Dictionary<string, string>(), notJson.RootElement));
        Assert.Equal("square", Adapter.SourceType);
        Assert.Contains(Adapter.KnownEvents, known => known.EventType == "payment.updated" && known.Meaning == EventMeaning.Sale);
    }
}
