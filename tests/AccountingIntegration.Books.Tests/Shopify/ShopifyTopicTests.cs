using System.Text.Json;
using AccountingIntegration.Books.Tests.Support;
using static AccountingIntegration.Books.Tests.Shopify.ShopifyDelivery;

namespace AccountingIntegration.Books.Tests.Shopify;

public sealed class ShopifyTopicTests
{
    [Theory]
    [InlineData("X-Shopify-Topic")]
    [InlineData("x-shopify-topic")]
    [InlineData("shopify-topic")]
    public void EventType_ComesFromEitherTopicHeader(string header)
    {
        using var fixture = Fixtures.Load("shopify/order.rest-fixture.json");

        var read = Deliver("orders/paid", fixture.RootElement, header);

        Assert.Equal(EventMeaning.Sale, read.Event!.Meaning);
        Assert.Equal("orders/paid", read.Event.EventType);
    }

    [Fact]
    public void EventType_NoTopicHeader_IsReadFromTheBodysShape()
    {
        using var order = Fixtures.Load("shopify/order.rest-fixture.json");
        using var refund = Fixtures.Load("shopify/refunds-create.rest-fixture.json");
        using var other = JsonDocument.Parse("""{"id": 1, "title": "A product"}""");
        var headers = new Dictionary<string, string> { ["X-Shopify-Hmac-Sha256"] = "x" };

        Assert.Equal("orders/create", Adapter.EventType(headers, order.RootElement));
        Assert.Equal("refunds/create", Adapter.EventType(headers, refund.RootElement));
        Assert.Null(Adapter.EventType(headers, other.RootElement));
    }

    [Fact]
    public void Read_GraphQlEnumTopicName_IsReadAsTheRestTopic()
    {
        using var fixture = Fixtures.Load("shopify/order.rest-fixture.json");

        var read = Adapter.Read("ORDERS_PAID", fixture.RootElement).Event!;

        Assert.Equal(("orders/paid", EventMeaning.Sale), (read.EventType, read.Meaning));
    }

    [Fact]
    public void Read_UnknownTopic_IsNoMoneyNamingTheTopic()
    {
        using var fixture = Fixtures.Load("shopify/order.rest-fixture.json");

        var read = Read("orders/fulfilled", fixture.RootElement);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("orders/fulfilled is not an event the books use.", read.IgnoredBecause);
    }

    [Theory]
    [InlineData("orders/edited", """{ "order_edit": { "id": 1, "order_id": 450789469, "line_items": { "additions": [], "removals": [] } } }""")]
    [InlineData("orders/delete", """{ "id": 450789469 }""")]
    public void Read_TopicsWithoutAmounts_AreNoMoneyAboutTheOrder(string topic, string body)
    {
        using var document = JsonDocument.Parse(body);

        var read = Read(topic, document.RootElement);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("order:450789469", read.Subject.Key);
        Assert.False(string.IsNullOrWhiteSpace(read.IgnoredBecause));
    }

    [Fact]
    public void Read_OrderWithoutTotal_FailsNamingTheField()
    {
        using var document = JsonDocument.Parse("""{ "id": 1, "currency": "USD", "created_at": "2024-01-01T00:00:00Z", "financial_status": "paid", "line_items": [] }""");

        var result = Deliver("orders/paid", document.RootElement);

        Assert.Null(result.Event);
        Assert.Equal("total_price", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Read_LineWithoutPrice_FailsNamingTheLine()
    {
        using var document = JsonDocument.Parse("""{ "id": 1, "currency": "USD", "created_at": "2024-01-01T00:00:00Z", "total_price": "5.00", "line_items": [{ "quantity": 1 }] }""");

        var result = Deliver("orders/paid", document.RootElement);

        Assert.Equal("line_items[0].price", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void KnownEvents_DescribeEveryTopicRead()
    {
        Assert.Equal("shopify", Adapter.SourceType);
        Assert.Equal(
            ["orders/create", "orders/paid", "orders/cancelled", "refunds/create", "disputes/create", "disputes/update", "orders/updated", "orders/edited", "orders/delete"],
            Adapter.KnownEvents.Select(known => known.EventType));
        Assert.All(Adapter.KnownEvents, known => Assert.False(string.IsNullOrWhiteSpace(known.Description)));
    }
}
