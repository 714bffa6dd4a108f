using System.Text.Json;
using System.Text.Json.Nodes;
using static AccountingIntegration.Books.Tests.WooCommerce.WooCommerceDelivery;

namespace AccountingIntegration.Books.Tests.WooCommerce;

/// <summary>The order.created fixture (a paid REST order) under each status WooCommerce documents.</summary>
public sealed class WooCommerceStatusTests
{
    private static JsonNode WithStatus(string status, string? paymentMethod = null)
    {
        var order = Editable("woocommerce/order.created.json");
        order["status"] = status;
        if (paymentMethod is not null)
        {
            order["payment_method"] = paymentMethod;
        }

        return order;
    }

    [Fact]
    public void OnHold_IsASaleAwaitingPayment()
    {
        var read = Read("order.updated", WithStatus("on-hold"));

        Assert.Equal((EventMeaning.Sale, 0m), (read.Meaning, read.Paid));
        Assert.Null(read.Payment);
        Assert.Equal(29.35m, read.Sale!.Total);
    }

    /// <summary>WooCommerce marks no edit: an order.updated sale may be one (it revises only a total that moved), order.created never.</summary>
    [Theory]
    [InlineData("order.updated", true)]
    [InlineData("order.created", false)]
    [InlineData("order.restored", false)]
    public void OnlyAnUpdatedOrder_MayBeAnEdit(string topic, bool edited)
    {
        var rest = Read(topic, WithStatus("processing"));
        var legacy = Read(topic, Editable("woocommerce/order.created.legacy-v3.json"));

        Assert.Equal((edited, edited), (rest.Edited, legacy.Edited));
    }

    [Theory]
    [InlineData("pending", "awaits payment")]
    [InlineData("failed", "failed")]
    [InlineData("trash", "trash")]
    public void StatusesThatMoveNoMoney_AreNoMoneyWithAReason(string status, string reason)
    {
        var read = Read("order.updated", WithStatus(status));

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal("order:727", read.Subject.Key);
        Assert.Contains(reason, read.IgnoredBecause);
    }

    [Fact]
    public void Cancelled_IsTheCancellationOfTheOrder()
    {
        var read = Read("order.updated", WithStatus("cancelled"));

        Assert.Equal(EventMeaning.Cancellation, read.Meaning);
        Assert.Equal(("order:727", "order:727"), (read.Subject.Key, read.Original!.Key));
    }

    [Fact]
    public void CashOnDelivery_IsUnpaidWhileProcessingAndPaidOnceCompleted()
    {
        Assert.Equal(0m, Read("order.created", WithStatus("processing", "cod")).Paid);
        Assert.Equal(29.35m, Read("order.updated", WithStatus("completed", "cod")).Paid);
    }

    [Fact]
    public void PluginStatus_WithAPaymentDate_IsAPaidSale()
    {
        var read = Read("order.updated", WithStatus("shipped"));

        Assert.Equal((EventMeaning.Sale, 29.35m), (read.Meaning, read.Paid));
    }

    [Fact]
    public void PluginStatus_WithoutPayment_IsNoMoney()
    {
        var order = WithStatus("awaiting-pickup");
        order["date_paid"] = null;

        var read = Read("order.updated", order);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains("awaiting-pickup", read.IgnoredBecause);
    }

    [Fact]
    public void Refunded_WithoutAnyRefundListed_FailsNamingRefunds()
    {
        using var document = JsonDocument.Parse(WithStatus("refunded").ToJsonString());

        var result = Deliver("order.updated", document.RootElement);

        Assert.Equal("refunds", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Refunded_LegacyOrder_FailsAskingForTheRestApiVersion()
    {
        var body = Editable("woocommerce/order.created.legacy-v3.json");
        body["order"]!["status"] = "refunded";
        using var document = JsonDocument.Parse(body.ToJsonString());

        var problem = Assert.Single(Deliver("order.updated", document.RootElement).Problems);

        Assert.Equal("order.refunds", problem.Field);
        Assert.Contains("API version", problem.Message);
    }

    [Fact]
    public void OrderDeleted_IdOnlyBody_IsNoMoneyAboutTheOrder()
    {
        using var document = JsonDocument.Parse("""{ "id": 727 }""");

        var read = Read("order.deleted", document.RootElement);

        Assert.Equal((EventMeaning.NoMoney, "order:727"), (read.Meaning, read.Subject.Key));
        Assert.Contains("trash", read.IgnoredBecause);
    }

    [Fact]
    public void UnknownTopic_IsNoMoneyNamingTheTopic()
    {
        using var document = JsonDocument.Parse("""{ "id": 93 }""");

        var read = Read("product.updated", document.RootElement);

        Assert.Equal("product.updated is not an event the books use.", read.IgnoredBecause);
    }

    [Fact]
    public void EventType_ReadsTheTopicHeaderCaseInsensitively()
    {
        using var document = JsonDocument.Parse("""{ "id": 93 }""");

        Assert.Equal("order.created", Adapter.EventType(new Dictionary<string, string> { ["x-wc-webhook-topic"] = "order.created" }, document.RootElement));
        Assert.Null(Adapter.EventType(new Dictionary<string, string>(), document.RootElement));
    }

    [Fact]
    public void KnownEvents_NameEveryOrderTopic()
    {
        Assert.Equal("woocommerce", Adapter.SourceType);
        Assert.Equal(["order.created", "order.updated", "order.restored", "order.deleted"], Adapter.KnownEvents.Select(known => known.EventType));
    }
}
