using System.Text.Json;
using AccountingIntegration.Books.Tests.Support;
using AccountingIntegration.Books.Vendors.Stripe;

namespace AccountingIntegration.Books.Tests.Stripe;

/// <summary>
/// Every Stripe fixture, read by the adapter. Expected amounts come from the fixture's own fields (Stripe's
/// minor units of USD: cents), never from the adapter.
/// </summary>
public sealed class StripeFixtureTests
{
    private readonly StripeAdapter _adapter = new();

    [Fact]
    public void InvoicePaid_OldLayout_IsThePaidSaleOfTheInvoice()
    {
        using var fixture = Fixtures.Load("stripe/invoice.paid.json");
        var invoice = fixture.RootElement.GetProperty("data").GetProperty("object");

        var read = Read(fixture);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal($"invoice:{invoice.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Equal(
            [$"charge:{invoice.GetProperty("charge").GetString()}", $"payment_intent:{invoice.GetProperty("payment_intent").GetString()}"],
            read.Aliases.Select(alias => alias.Key));
        var sale = read.Sale!;
        Assert.Equal("USD", sale.Currency);
        Assert.Equal(Cents(invoice, "total"), sale.Total);
        Assert.Equal(Cents(invoice, "amount_paid"), read.Paid);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(invoice.GetProperty("lines").GetProperty("data").EnumerateArray().Sum(line => Cents(line, "amount")), sale.Lines.Sum(line => line.Amount));
        var line = Assert.Single(sale.Lines);
        Assert.Equal(Cents(invoice.GetProperty("lines").GetProperty("data")[0].GetProperty("price"), "unit_amount"), line.UnitPrice);
        Assert.Equal("prod_00000000000000", line.ItemKey);
        Assert.Empty(sale.Taxes);
        Assert.Equal(invoice.GetProperty("number").GetString(), sale.Number);
        Assert.Equal(invoice.GetProperty("customer").GetString(), sale.Customer.ExternalId);
        Assert.Null(sale.Customer.Email);
        Assert.Equal(Cents(invoice, "amount_paid"), read.Payment!.Amount);
        Assert.Equal(invoice.GetProperty("charge").GetString(), read.Payment.Reference);
        Assert.Equal(UnixDate(invoice.GetProperty("status_transitions"), "paid_at"), read.Payment.Date);
    }

    [Fact]
    public void InvoicePaymentFailed_MovesNoMoney()
    {
        using var fixture = Fixtures.Load("stripe/invoice.payment_failed.json");
        var invoice = fixture.RootElement.GetProperty("data").GetProperty("object");

        var read = Read(fixture);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal($"invoice:{invoice.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Contains("failed", read.IgnoredBecause);
        Assert.Null(read.Sale);
    }

    [Fact]
    public void ChargeSucceeded_WithAPaymentIntent_IsLeftToThePaymentIntent()
    {
        using var fixture = Fixtures.Load("stripe/charge.succeeded.json");
        var charge = fixture.RootElement.GetProperty("data").GetProperty("object");

        var read = Read(fixture);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal($"charge:{charge.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Contains(charge.GetProperty("payment_intent").GetString()!, read.IgnoredBecause);
        Assert.Contains("payment_intent.succeeded", read.IgnoredBecause);
    }

    [Fact]
    public void PaymentIntentSucceeded_WithoutInvoice_IsAOneLineSalePaidAtOnce()
    {
        using var fixture = Fixtures.Load("stripe/payment_intent.succeeded.json");
        var paymentIntent = fixture.RootElement.GetProperty("data").GetProperty("object");
        var charge = paymentIntent.GetProperty("charges").GetProperty("data")[0];

        var read = Read(fixture);

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal($"payment_intent:{paymentIntent.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Equal([$"charge:{charge.GetProperty("id").GetString()}"], read.Aliases.Select(alias => alias.Key));
        var sale = read.Sale!;
        Assert.Equal("USD", sale.Currency);
        Assert.Equal(Cents(paymentIntent, "amount_received"), sale.Total);
        Assert.Equal(sale.Total, sale.ComputedTotal);
        Assert.Equal(Cents(paymentIntent, "amount_received"), read.Paid);
        Assert.Equal($"Payment {paymentIntent.GetProperty("description").GetString()}", Assert.Single(sale.Lines).Description);
        Assert.Equal(charge.GetProperty("id").GetString(), read.Payment!.Reference);
        Assert.Equal("card", read.Payment.Method);
        Assert.Equal(UnixDate(fixture.RootElement, "created"), sale.Date);
        Assert.Equal("Jenny Rosen", sale.Customer.Name);
        Assert.Equal("94103", sale.Customer.ShippingAddress!.PostalCode);
    }

    [Fact]
    public void ChargeSucceeded_StripeMockFixture_IsOnlyAnAuthorization()
    {
        using var fixture = Fixtures.Load("stripe/charge.succeeded.stripe-mock-fixture.json");
        var charge = fixture.RootElement.GetProperty("data").GetProperty("object");

        var read = Read(fixture);

        // The generated fixture contradicts itself: paid and succeeded, yet not captured and nothing captured.
        Assert.True(charge.GetProperty("paid").GetBoolean());
        Assert.False(charge.GetProperty("captured").GetBoolean());
        Assert.Equal(0, charge.GetProperty("amount_captured").GetInt64());
        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal($"charge:{charge.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Contains("not captured", read.IgnoredBecause);
    }

    [Fact]
    public void ChargeRefunded_OldApi_BooksEveryEmbeddedRefundUnderItsOwnId()
    {
        using var fixture = Fixtures.Load("stripe/charge.refunded.json");
        var charge = fixture.RootElement.GetProperty("data").GetProperty("object");
        var embedded = charge.GetProperty("refunds").GetProperty("data").EnumerateArray().ToList();

        var read = Read(fixture);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal($"charge:{charge.GetProperty("id").GetString()}", read.Original!.Key);
        Assert.Equal(embedded.Select(refund => refund.GetProperty("id").GetString()), read.Refunds.Select(refund => refund.RefundId));
        Assert.Equal(embedded.Select(refund => Cents(refund, "amount")), read.Refunds.Select(refund => refund.Amount));
        Assert.Equal(embedded.Select(refund => UnixDate(refund, "created")), read.Refunds.Select(refund => refund.Date));
        Assert.All(read.Refunds, refund => Assert.Equal("USD", refund.Currency));
        Assert.Equal(Cents(charge, "amount_refunded"), read.Refunds.Sum(refund => refund.Amount));
        Assert.Empty(read.Aliases);
    }

    [Fact]
    public void ChargeRefundUpdated_Succeeded_IsTheRefundItself()
    {
        using var fixture = Fixtures.Load("stripe/charge.refund.updated.json");
        var refund = fixture.RootElement.GetProperty("data").GetProperty("object");

        var read = Read(fixture);

        Assert.Equal(EventMeaning.Refund, read.Meaning);
        Assert.Equal($"refund:{refund.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Equal($"charge:{refund.GetProperty("charge").GetString()}", read.Original!.Key);
        var booked = Assert.Single(read.Refunds);
        Assert.Equal(refund.GetProperty("id").GetString(), booked.RefundId);
        Assert.Equal(Cents(refund, "amount"), booked.Amount);
        Assert.Equal("USD", booked.Currency);
        Assert.Equal(UnixDate(refund, "created"), booked.Date);
    }

    [Fact]
    public void ChargeRefunded_AndChargeRefundUpdated_NameTheSameRefundAlike()
    {
        using var refunded = Fixtures.Load("stripe/charge.refunded.json");
        using var updated = Fixtures.Load("stripe/charge.refund.updated.json");

        // Both old-API events name the refund by its re_ id, so the service books it once whichever comes first.
        Assert.Equal(Assert.Single(Read(refunded).Refunds).RefundId, Assert.Single(Read(updated).Refunds).RefundId);
    }

    [Fact]
    public void ChargeDisputeCreated_AwaitingResponse_MovesNoMoney()
    {
        using var fixture = Fixtures.Load("stripe/charge.dispute.created.json");
        var dispute = fixture.RootElement.GetProperty("data").GetProperty("object");

        var read = Read(fixture);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal($"dispute:{dispute.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Equal("a dispute awaiting response moves no money", read.IgnoredBecause);
    }

    [Fact]
    public void CheckoutSessionCompleted_PaidWithoutInvoice_IsLeftToThePaymentIntent()
    {
        using var fixture = Fixtures.Load("stripe/checkout.session.completed.payment_mode.json");
        var session = fixture.RootElement.GetProperty("data").GetProperty("object");

        var read = Read(fixture);

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Equal($"checkout.session:{session.GetProperty("id").GetString()}", read.Subject.Key);
        Assert.Contains("payment_intent.succeeded", read.IgnoredBecause);
        Assert.Contains(session.GetProperty("payment_intent").GetString()!, read.IgnoredBecause);
    }

    private SourceEvent Read(JsonDocument fixture)
    {
        var body = fixture.RootElement;
        var eventType = _adapter.EventType(new Dictionary<string, string>(), body);
        Assert.Equal(body.GetProperty("type").GetString(), eventType);
        var result = _adapter.Read(eventType!, body);
        Assert.Empty(result.Problems);
        Assert.Equal("stripe", result.Event!.Vendor);
        Assert.Equal(eventType, result.Event.EventType);
        return result.Event;
    }

    private static decimal Cents(JsonElement element, string property) => element.GetProperty(property).GetInt64() / 100m;

    private static DateOnly UnixDate(JsonElement element, string property) =>
        DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(element.GetProperty(property).GetInt64()).UtcDateTime);
}
