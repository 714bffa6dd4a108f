using static AccountingIntegration.Mapping.Tests.TemplateAssertions;

namespace AccountingIntegration.Mapping.Tests;

public sealed class StripeTemplateTests
{
    [Fact]
    public void Apply_InvoicePaidFixture_BuildsValidInvoice()
    {
        var result = Apply("stripe", Fixtures.Load("stripe/invoice.paid.json"));

        Assert.True(result.IsValid, Layers.Codes(result));
        var invoice = result.Invoice;
        // customer_email and customer_name are null in this fixture: the Stripe customer id is the lookup value.
        Assert.Equal("cus_00000000000000", Text(invoice, "CustomerRef.value"));
        Assert.Null(invoice["BillEmail"]);
        Assert.Equal("EE1DF78D-0001", Text(invoice, "DocNumber"));
        Assert.Equal("2022-03-26", Text(invoice, "TxnDate"));
        Assert.Null(invoice["DueDate"]);
        Assert.Equal("USD", Text(invoice, "CurrencyRef.value"));
        Assert.Equal("Stripe invoice in_000000000000000000000000", Text(invoice, "PrivateNote"));
        Assert.Equal(["(created by Stripe CLI) | 1 | 20.00 | 20.00 | prod_00000000000000"], Lines(invoice));
        Assert.Equal(
            ["CustomerRef.value=Customer:cus_00000000000000", "Line[0].SalesItemLineDetail.ItemRef.value=Item:prod_00000000000000"],
            Resolvers(result));
    }

    [Fact]
    public void Apply_InvoiceWithCustomerEmail_UsesEmailForCustomerAndBillEmail()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""
            { "data": { "object": { "id": "in_1", "customer": "cus_1", "customer_email": "ada@example.com", "customer_name": "Ada",
              "number": "ABC-0002", "created": 1700000000, "due_date": 1702592000, "currency": "eur",
              "lines": { "data": [ { "amount": 1999, "quantity": 3, "description": "Seats", "price": { "product": "prod_9", "unit_amount": 666, "unit_amount_decimal": "666.3333" } } ] } } } }
            """);
        var result = Apply("stripe", document.RootElement);

        Assert.Equal("ada@example.com", Text(result.Invoice, "CustomerRef.value"));
        Assert.Equal("ada@example.com", Text(result.Invoice, "BillEmail.Address"));
        Assert.Equal("2023-11-14", Text(result.Invoice, "TxnDate"));
        Assert.Equal("2023-12-14", Text(result.Invoice, "DueDate"));
        Assert.Equal("EUR", Text(result.Invoice, "CurrencyRef.value"));
        // Fractional-cent unit prices: 3 × 6.663333 = 19.989999 → 19.99, which matches Stripe's own line amount.
        Assert.Equal(["Seats | 3 | 6.663333 | 19.99 | prod_9"], Lines(result.Invoice));
        Assert.True(result.IsValid, Layers.Codes(result));
    }

    [Fact]
    public void Apply_InvoiceWithoutAnyCustomerData_ReportsCustomerRequired()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""
            { "data": { "object": { "created": 1700000000, "lines": { "data": [ { "amount": 100, "price": { "product": "p" } } ] } } } }
            """);
        var result = Apply("stripe", document.RootElement);
        Assert.Equal("CustomerRef.value:REQUIRED_FIELD_MISSING", Layers.Codes(result));
    }
}
