using System.Text.Json.Nodes;
using static AccountingIntegration.Mapping.Tests.Layers;

namespace AccountingIntegration.Mapping.Tests;

public sealed class DraftLineTests
{
    private static readonly FieldMapping[] ItemRules =
    [
        new("CustomerRef.value", "$.customer"),
        new("Line[].SalesItemLineDetail.ItemRef.value", "sku"),
    ];

    [Fact]
    public void Build_LineSource_YieldsOneLinePerElement()
    {
        var result = Build(
            """{ "customer": "c", "items": [ { "sku": "A", "qty": 2, "price": "9.99" }, { "sku": "B", "qty": 1, "price": 5 } ] }""",
            Merge([.. ItemRules,
                new("Line", "items"),
                new("Line[].SalesItemLineDetail.Qty", "qty"),
                new("Line[].SalesItemLineDetail.UnitPrice", "price")]));

        Assert.True(result.IsValid, Codes(result));
        var lines = result.Invoice["Line"]!.AsArray();
        Assert.Equal(2, lines.Count);
        Assert.Equal(19.98m, lines[0]!["Amount"]!.GetValue<decimal>());
        Assert.Equal(5m, lines[1]!["Amount"]!.GetValue<decimal>());
        Assert.Equal("SalesItemLineDetail", lines[0]!["DetailType"]!.GetValue<string>());
        Assert.Equal(9.99m, lines[0]!["SalesItemLineDetail"]!["UnitPrice"]!.GetValue<decimal>());
        Assert.Equal("B", lines[1]!["SalesItemLineDetail"]!["ItemRef"]!["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1", "1861.075", "1861.08")]
    [InlineData("3", "0.335", "1.01")]
    [InlineData("-1", "10.005", "-10.01")]
    [InlineData("0.5", "0.01", "0.01")]
    [InlineData("1000000", "19.99", "19990000.00")]
    public void Build_UnmappedAmount_IsQtyTimesPriceRoundedHalfAwayFromZero(string qty, string price, string expected)
    {
        var result = Build(
            $$"""{ "customer": "c", "items": [ { "sku": "A", "qty": {{qty}}, "price": {{price}} } ] }""",
            Merge([.. ItemRules, new("Line", "items"), new("Line[].SalesItemLineDetail.Qty", "qty"), new("Line[].SalesItemLineDetail.UnitPrice", "price")]));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Invoice["Line"]![0]!["Amount"]!.GetValue<decimal>());
        Assert.Equal(expected, result.Invoice["Line"]![0]!["Amount"]!.ToJsonString());
    }

    [Fact]
    public void Build_UnitPriceWithoutQty_WritesQtyOneAndAmount()
    {
        var result = Build(
            """{ "customer": "c", "items": [ { "sku": "A", "price": 12.5 } ] }""",
            Merge([.. ItemRules, new("Line", "items"), new("Line[].SalesItemLineDetail.UnitPrice", "price")]));
        var line = result.Invoice["Line"]![0]!;
        Assert.Equal(1m, line["SalesItemLineDetail"]!["Qty"]!.GetValue<decimal>());
        Assert.Equal(12.5m, line["Amount"]!.GetValue<decimal>());
        Assert.True(result.IsValid, Codes(result));
    }

    [Fact]
    public void Build_MappedAmountThatDisagrees_ReportsQbo6070()
    {
        var result = Build(
            """{ "customer": "c", "items": [ { "sku": "A", "qty": 3, "price": 0.335, "total": 1.00 } ] }""",
            Merge([.. ItemRules, new("Line", "items"), new("Line[].SalesItemLineDetail.Qty", "qty"),
                new("Line[].SalesItemLineDetail.UnitPrice", "price"), new("Line[].Amount", "total")]));
        var error = Assert.Single(result.Errors);
        Assert.Equal(("Line[0].Amount", MappingErrorCodes.AmountMismatch), (error.Field, error.Code));
        Assert.Contains("6070", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NestedLineArrayAndRootPath_ReadsRelativeAndRoot()
    {
        const string Payload = """
            { "data": { "customer_id": "ctm_1", "billed_at": "2023-08-22T07:15:44.296865Z", "currency_code": "USD",
              "details": { "line_items": [
                { "quantity": 10, "unit_totals": { "subtotal": "3000" }, "product": { "name": "ChatApp Pro" } },
                { "quantity": 1, "unit_totals": { "subtotal": "19900" }, "product": { "name": "Custom domains" } } ] } } }
            """;
        var result = Build(Payload, Merge(
            new("CustomerRef.value", "data.customer_id"),
            new("Line", "data.details.line_items"),
            new("Line[].SalesItemLineDetail.Qty", "quantity"),
            new("Line[].SalesItemLineDetail.UnitPrice", "unit_totals.subtotal", "fromCents"),
            new("Line[].SalesItemLineDetail.ItemRef.value", "product.name"),
            new("Line[].Description", "$.data.currency_code", "concat:Billed in "),
            new("Line[].SalesItemLineDetail.ServiceDate", "$.data.billed_at", "formatDate")));

        Assert.True(result.IsValid, Codes(result));
        var lines = result.Invoice["Line"]!.AsArray();
        Assert.Equal(300.00m, lines[0]!["Amount"]!.GetValue<decimal>());
        Assert.Equal(199.00m, lines[1]!["Amount"]!.GetValue<decimal>());
        Assert.Equal("Billed in USD", lines[1]!["Description"]!.GetValue<string>());
        Assert.Equal("2023-08-22", lines[0]!["SalesItemLineDetail"]!["ServiceDate"]!.GetValue<string>());
    }

    [Fact]
    public void Build_WildcardLineSource_FlattensNestedArrays()
    {
        const string Payload = """
            { "customer": "c", "shipments": [ { "items": [ { "sku": "A", "p": 1 }, { "sku": "B", "p": 2 } ] }, { "items": [ { "sku": "C", "p": 3 } ] }, { "items": null } ] }
            """;
        var result = Build(Payload, Merge([.. ItemRules, new("Line", "shipments[*].items"), new("Line[].SalesItemLineDetail.UnitPrice", "p")]));
        Assert.True(result.IsValid, Codes(result));
        Assert.Equal(["A", "B", "C"], result.Invoice["Line"]!.AsArray().Select(line => line!["SalesItemLineDetail"]!["ItemRef"]!["value"]!.GetValue<string>()));
    }

    [Fact]
    public void Build_LineStatics_ApplyToEveryLine()
    {
        var result = Build(
            """{ "customer": "c", "items": [ { "sku": "A", "price": 1 }, { "sku": "B", "price": 2 } ] }""",
            Merge([.. ItemRules, new("Line", "items"), new("Line[].SalesItemLineDetail.UnitPrice", "price")],
                new() { ["Line[].SalesItemLineDetail.TaxCodeRef.value"] = "NON", ["CurrencyRef.value"] = "USD" }));
        Assert.All(result.Invoice["Line"]!.AsArray(), line => Assert.Equal("NON", line!["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!.GetValue<string>()));
        Assert.Equal("USD", result.Invoice["CurrencyRef"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Build_NoLineSourceButLineRules_MakesOneLineFromRoot()
    {
        var result = Build(
            """{ "customer": "c", "sku": "CHARGE", "amount": 2000 }""",
            Merge([.. ItemRules, new("Line[].Amount", "amount", "fromCents")]));
        Assert.True(result.IsValid, Codes(result));
        Assert.Equal(20.00m, Assert.Single(result.Invoice["Line"]!.AsArray())!["Amount"]!.GetValue<decimal>());
    }

    [Fact]
    public void Build_EmptyLineArray_ReportsNoLines()
    {
        var result = Build("""{ "customer": "c", "items": [] }""", Merge([.. ItemRules, new("Line", "items")]));
        Assert.Equal("Line:QBO_NO_LINES", Codes(result));
        Assert.False(result.Invoice.ContainsKey("Line"));
    }

    [Fact]
    public void Build_RequiredLineSourceEmpty_ReportsRequiredOnce()
    {
        var result = Build("""{ "customer": "c" }""", Merge([.. ItemRules, new("Line", "items", Required: true)]));
        Assert.Equal("Line:REQUIRED_FIELD_MISSING", Codes(result));
    }

    [Fact]
    public void Build_LineSourceNotAnArray_ReportsInvalidPath()
    {
        var result = Build("""{ "customer": "c", "items": { "sku": "A" } }""", Merge([.. ItemRules, new("Line", "items")]));
        var error = Assert.Single(result.Errors);
        Assert.Equal(("Line", MappingErrorCodes.InvalidPath), (error.Field, error.Code));
        Assert.Contains("reached a object, not an array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ExplicitDetailType_IsKeptAndNotCompleted()
    {
        var result = Build(
            """{ "customer": "c", "sku": "A", "items": [ { "text": "Thanks!" } ] }""",
            Merge([new("CustomerRef.value", "customer"), new("Line", "items"), new("Line[].Description", "text")],
                new() { ["Line[].DetailType"] = "DescriptionOnly" }));
        Assert.True(result.IsValid, Codes(result));
        var line = result.Invoice["Line"]![0]!.AsObject();
        Assert.Equal("DescriptionOnly", line["DetailType"]!.GetValue<string>());
        Assert.False(line.ContainsKey("Amount"));
    }

    [Fact]
    public void Build_ErrorsInsideLines_NameTheLineIndex()
    {
        var result = Build(
            """{ "customer": "c", "items": [ { "sku": "A", "price": "1" }, { "sku": "", "price": "abc" }, { "price": "2" } ] }""",
            Merge([new("CustomerRef.value", "customer"), new("Line", "items"),
                new("Line[].SalesItemLineDetail.ItemRef.value", "sku", Required: true),
                new("Line[].SalesItemLineDetail.UnitPrice", "price", "toNumber")]));
        Assert.Equal(
            "Line[1].SalesItemLineDetail.ItemRef.value:REQUIRED_FIELD_MISSING, Line[1].SalesItemLineDetail.UnitPrice:TRANSFORMATION_FAILED, " +
            "Line[2].SalesItemLineDetail.ItemRef.value:REQUIRED_FIELD_MISSING, Line[1].Amount:QBO_LINE_AMOUNT_MISSING",
            Codes(result));
        var failed = result.Errors.Single(error => error.Code == MappingErrorCodes.TransformationFailed);
        Assert.Equal("step 'toNumber' failed on \"abc\": not a number", failed.Message);
    }

    [Fact]
    public void Build_MoneyInOutput_IsDecimalNumberNotString()
    {
        var result = Build(
            """{ "customer": "c", "items": [ { "sku": "A", "qty": "2", "price": "199.00" } ] }""",
            Merge([.. ItemRules, new("Line", "items"), new("Line[].SalesItemLineDetail.Qty", "qty"), new("Line[].SalesItemLineDetail.UnitPrice", "price")]));
        var json = result.Invoice.ToJsonString();
        Assert.Contains("\"UnitPrice\":199.00", json, StringComparison.Ordinal);
        Assert.Contains("\"Qty\":2", json, StringComparison.Ordinal);
        Assert.Contains("\"Amount\":398.00", json, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonValue>(result.Invoice["Line"]![0]!["Amount"]);
    }
}
