using System.Text.Json;
using static AccountingIntegration.Mapping.Tests.TemplateAssertions;

namespace AccountingIntegration.Mapping.Tests;

public sealed class GenericTemplateTests
{
    /// <summary>The example printed in docs/mapping.md.</summary>
    internal const string Sample = """
        {
          "id": "ord_2026_0042",
          "number": "2026-0042",
          "date": "2026-03-01T09:30:00+01:00",
          "dueDate": "2026-03-31",
          "currency": "eur",
          "memo": "Thank you for your order",
          "customer": { "name": "Acme GmbH", "email": "billing@acme.example" },
          "lines": [
            { "description": "Consulting (hours)", "sku": "CONSULT-H", "quantity": 7.5, "unitPrice": "120.00" },
            { "description": "Travel flat fee", "sku": "TRAVEL", "unitPrice": 80 },
            { "description": "Licence, 3 seats", "sku": "LIC-SEAT", "quantity": 3, "unitPrice": 33.333, "amount": 100.00 }
          ]
        }
        """;

    [Fact]
    public void Apply_DocumentedSample_BuildsValidInvoice()
    {
        using var document = JsonDocument.Parse(Sample);
        var result = Apply("generic", document.RootElement);

        Assert.True(result.IsValid, Layers.Codes(result));
        var invoice = result.Invoice;
        Assert.Equal("billing@acme.example", Text(invoice, "CustomerRef.value"));
        Assert.Equal("billing@acme.example", Text(invoice, "BillEmail.Address"));
        Assert.Equal("2026-0042", Text(invoice, "DocNumber"));
        Assert.Equal("2026-03-01", Text(invoice, "TxnDate"));
        Assert.Equal("2026-03-31", Text(invoice, "DueDate"));
        Assert.Equal("EUR", Text(invoice, "CurrencyRef.value"));
        Assert.Equal("Thank you for your order", Text(invoice, "CustomerMemo.value"));
        Assert.Equal("Order ord_2026_0042", Text(invoice, "PrivateNote"));
        Assert.Equal(
            [
                "Consulting (hours) | 7.5 | 120.00 | 900.00 | CONSULT-H",
                "Travel flat fee | 1 | 80 | 80.00 | TRAVEL",
                "Licence, 3 seats | 3 | 33.333 | 100.00 | LIC-SEAT",
            ],
            Lines(invoice));
        Assert.Equal(
            [
                "CustomerRef.value=Customer:billing@acme.example",
                "Line[0].SalesItemLineDetail.ItemRef.value=Item:CONSULT-H",
                "Line[1].SalesItemLineDetail.ItemRef.value=Item:TRAVEL",
                "Line[2].SalesItemLineDetail.ItemRef.value=Item:LIC-SEAT",
            ],
            Resolvers(result));
    }

    [Fact]
    public void Template_IsAnInvoiceTemplate_EveryEventAnInvoice()
    {
        var template = BuiltInTemplates.ForSourceType("generic")!;

        Assert.Equal("Generic JSON invoice", template.Name);
        Assert.NotEmpty(template.FieldMappings);
        Assert.Equal(new Dictionary<string, string> { ["sale"] = "invoice" }, template.EventActions);
        Assert.Equal("invoice", Layers.FromTemplate(template).EventActionFor("any.event", "sale"));
        Assert.Empty(template.PreviousNames);
    }

    [Fact]
    public void Apply_CustomerWithoutEmail_ResolvesByName()
    {
        using var document = JsonDocument.Parse("""
            { "date": 1772355600, "customer": { "name": "Zoë's Café", "email": null }, "lines": [ { "description": "Coffee beans", "unitPrice": 12.5, "quantity": 2 } ] }
            """);
        var result = Apply("generic", document.RootElement);

        Assert.True(result.IsValid, Layers.Codes(result));
        Assert.Equal("Zoë's Café", Text(result.Invoice, "CustomerRef.value"));
        Assert.Null(result.Invoice["BillEmail"]);
        Assert.Equal("2026-03-01", Text(result.Invoice, "TxnDate"));
        // No sku: the description is the item's lookup name.
        Assert.Equal(["Coffee beans | 2 | 12.5 | 25.00 | Coffee beans"], Lines(result.Invoice));
    }

    [Fact]
    public void Apply_BrokenSample_ReportsEveryProblem()
    {
        using var document = JsonDocument.Parse("""
            { "number": "THIS-NUMBER-IS-FAR-TOO-LONG-FOR-QBO", "date": "01/03/2026", "customer": {},
              "lines": [ { "quantity": 2, "unitPrice": "12,50" }, { "sku": "X", "quantity": 1, "unitPrice": 10, "amount": 9.99 } ] }
            """);
        var result = Apply("generic", document.RootElement);

        Assert.Equal(
            "CustomerRef.value:REQUIRED_FIELD_MISSING, TxnDate:TRANSFORMATION_FAILED, " +
            "Line[0].SalesItemLineDetail.UnitPrice:TRANSFORMATION_FAILED, Line[0].SalesItemLineDetail.ItemRef.value:REQUIRED_FIELD_MISSING, " +
            "DocNumber:QBO_STRING_TOO_LONG, Line[0].Amount:QBO_LINE_AMOUNT_MISSING, Line[1].Amount:QBO_AMOUNT_MISMATCH",
            Layers.Codes(result));
        Assert.Contains(result.Errors, error => (error.Field, error.Message) == ("TxnDate", "step 'formatDate' failed on \"01/03/2026\": not an ISO-8601 date or a Unix time"));
    }
}
