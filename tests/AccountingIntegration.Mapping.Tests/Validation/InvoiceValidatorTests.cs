using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping.Tests;

public sealed class InvoiceValidatorTests
{
    private static string Codes(string invoiceJson) =>
        string.Join(", ", InvoiceValidator.Validate(JsonNode.Parse(invoiceJson)!.AsObject()).Select(error => $"{error.Field}:{error.Code}"));

    private const string ValidLine = """{ "DetailType": "SalesItemLineDetail", "Amount": 10.00, "SalesItemLineDetail": { "ItemRef": { "value": "1" }, "Qty": 2, "UnitPrice": 5 } }""";

    [Fact]
    public void Validate_MinimalInvoice_HasNoErrors() =>
        Assert.Equal("", Codes($$"""{ "CustomerRef": { "value": "1" }, "Line": [ {{ValidLine}} ] }"""));

    [Theory]
    [InlineData("-2", "19.99", "-39.98", "Line[0].SalesItemLineDetail.Qty:QBO_NEGATIVE_LINE_VALUE")]
    [InlineData("2", "-19.99", "-39.98", "Line[0].SalesItemLineDetail.UnitPrice:QBO_NEGATIVE_LINE_VALUE")]
    [InlineData("-1", "-5", "5", "Line[0].SalesItemLineDetail.Qty:QBO_NEGATIVE_LINE_VALUE, Line[0].SalesItemLineDetail.UnitPrice:QBO_NEGATIVE_LINE_VALUE")]
    [InlineData("\"-2\"", "19.99", "-39.98", "Line[0].SalesItemLineDetail.Qty:QBO_NEGATIVE_LINE_VALUE")]
    [InlineData("0", "19.99", "0", "")]
    [InlineData("2", "0", "0", "")]
    public void Validate_NegativeQtyOrUnitPrice_IsRefusedNamingTheField(string qty, string unitPrice, string amount, string expected) =>
        Assert.Equal(expected, Codes($$"""
            { "CustomerRef": { "value": "1" }, "Line": [
              { "DetailType": "SalesItemLineDetail", "Amount": {{amount}}, "SalesItemLineDetail": { "ItemRef": { "value": "1" }, "Qty": {{qty}}, "UnitPrice": {{unitPrice}} } } ] }
            """));

    [Fact]
    public void Validate_NegativeQty_MessageNamesTheLineAndValue()
    {
        var error = Assert.Single(InvoiceValidator.Validate(JsonNode.Parse($$"""
            { "CustomerRef": { "value": "1" }, "Line": [ {{ValidLine}},
              { "DetailType": "SalesItemLineDetail", "Amount": -39.98, "SalesItemLineDetail": { "ItemRef": { "value": "1" }, "Qty": -2, "UnitPrice": 19.99 } } ] }
            """)!.AsObject()));

        Assert.Equal("Line[1].SalesItemLineDetail.Qty", error.Field);
        Assert.StartsWith("Line[1].SalesItemLineDetail.Qty -2 is negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyInvoice_ReportsCustomerAndLines() =>
        Assert.Equal("CustomerRef.value:QBO_CUSTOMER_REF_MISSING, Line:QBO_NO_LINES", Codes("{}"));

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        var docNumber = new string('9', 22);
        var invoice = $$"""
            {
              "CustomerRef": { "value": " " },
              "DocNumber": "{{docNumber}}",
              "TxnDate": "2024-02-30",
              "DueDate": "03/01/2024",
              "BillEmail": { "Address": "{{new string('a', 101)}}" },
              "PrivateNote": "{{new string('n', 4001)}}",
              "CustomerMemo": { "value": "{{new string('m', 1001)}}" },
              "Line": [
                { "DetailType": "SalesItemLineDetail", "Amount": 10.00, "SalesItemLineDetail": { "ItemRef": { "value": "1" }, "Qty": 3, "UnitPrice": 0.335 } },
                { "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": { "Qty": 1 } },
                { "DetailType": "Bogus", "Description": "{{new string('d', 4001)}}" },
                { "DetailType": "SalesItemLineDetail", "Amount": 12345678901, "SalesItemLineDetail": { "ItemRef": { "value": "2" }, "ServiceDate": "2024-1-1" } },
                "not an object"
              ]
            }
            """;
        Assert.Equal(
            "CustomerRef.value:QBO_CUSTOMER_REF_MISSING, TxnDate:QBO_INVALID_DATE, DueDate:QBO_INVALID_DATE, " +
            "BillEmail.Address:QBO_STRING_TOO_LONG, CustomerMemo.value:QBO_STRING_TOO_LONG, DocNumber:QBO_STRING_TOO_LONG, PrivateNote:QBO_STRING_TOO_LONG, " +
            "Line[0].Amount:QBO_AMOUNT_MISMATCH, " +
            "Line[1].SalesItemLineDetail.ItemRef.value:QBO_ITEM_REF_MISSING, Line[1].Amount:QBO_LINE_AMOUNT_MISSING, " +
            "Line[2].DetailType:QBO_INVALID_DETAIL_TYPE, Line[2].Description:QBO_STRING_TOO_LONG, " +
            "Line[3].SalesItemLineDetail.ServiceDate:QBO_INVALID_DATE, Line[3].Amount:QBO_AMOUNT_OUT_OF_RANGE, " +
            "Line[4]:QBO_INVALID_DETAIL_TYPE",
            Codes(invoice));
    }

    [Fact]
    public void Validate_AddressParts_CheckedUnderTheirAddressInPatternOrder() =>
        Assert.Equal(
            "BillAddr.Line1:QBO_STRING_TOO_LONG, BillAddr.PostalCode:QBO_STRING_TOO_LONG, ShipAddr.City:QBO_STRING_TOO_LONG",
            Codes($$"""
                {
                  "CustomerRef": { "value": "1" },
                  "ShipAddr": { "City": "{{new string('c', 501)}}", "PostalCode": "{{new string('p', 30)}}" },
                  "BillAddr": { "PostalCode": "{{new string('p', 31)}}", "Line1": "{{new string('l', 501)}}", "Line2": "{{new string('l', 500)}}" },
                  "Line": [ {{ValidLine}} ]
                }
                """));

    [Fact]
    public void Validate_AddressThatIsNotAnObject_HasNoLengthToCheck() =>
        Assert.Equal("", Codes($$"""{ "CustomerRef": { "value": "1" }, "BillAddr": "{{new string('x', 600)}}", "BillEmail": null, "Line": [ {{ValidLine}} ] }"""));

    [Theory]
    [InlineData(21, "")]
    [InlineData(22, "DocNumber:QBO_STRING_TOO_LONG")]
    public void Validate_DocNumberLength_LimitIs21(int length, string expected) =>
        Assert.Equal(expected, Codes($$"""{ "CustomerRef": { "value": "1" }, "DocNumber": "{{new string('x', length)}}", "Line": [ {{ValidLine}} ] }"""));

    [Theory]
    [InlineData("1861.08", "")]
    [InlineData("1861.07", "Line[0].Amount:QBO_AMOUNT_MISMATCH")]
    [InlineData("1861.075", "Line[0].Amount:QBO_AMOUNT_MISMATCH")]
    public void Validate_AmountAgainstQtyTimesPrice_RoundsHalfUp(string amount, string expected) =>
        Assert.Equal(expected, Codes($$"""
            { "CustomerRef": { "value": "1" }, "Line": [ { "DetailType": "SalesItemLineDetail", "Amount": {{amount}},
              "SalesItemLineDetail": { "ItemRef": { "value": "1" }, "Qty": 1, "UnitPrice": 1861.075 } } ] }
            """));

    [Theory]
    [InlineData("2024-02-29", "")]
    [InlineData("2023-02-29", "TxnDate:QBO_INVALID_DATE")]
    [InlineData("2024-02-29T00:00:00", "TxnDate:QBO_INVALID_DATE")]
    [InlineData("20240229", "TxnDate:QBO_INVALID_DATE")]
    public void Validate_TxnDate_MustBeQboDate(string date, string expected) =>
        Assert.Equal(expected, Codes($$"""{ "CustomerRef": { "value": "1" }, "TxnDate": "{{date}}", "Line": [ {{ValidLine}} ] }"""));

    [Fact]
    public void Validate_NumericTxnDate_IsInvalid() =>
        Assert.Equal("TxnDate:QBO_INVALID_DATE", Codes($$"""{ "CustomerRef": { "value": "1" }, "TxnDate": 20240229, "Line": [ {{ValidLine}} ] }"""));

    [Fact]
    public void Validate_DescriptionOnlyLine_NeedsNoAmountOrItem() =>
        Assert.Equal("", Codes("""{ "CustomerRef": { "value": "1" }, "Line": [ { "DetailType": "DescriptionOnly", "Description": "Note" } ] }"""));

    [Fact]
    public void Validate_AmountWithMoreThanFiveDecimals_IsOutOfRange() =>
        Assert.Equal("Line[0].Amount:QBO_AMOUNT_OUT_OF_RANGE", Codes("""
            { "CustomerRef": { "value": "1" }, "Line": [ { "DetailType": "SalesItemLineDetail", "Amount": 1.000001, "SalesItemLineDetail": { "ItemRef": { "value": "1" } } } ] }
            """));

    [Fact]
    public void Validate_AmountWithTrailingZeros_IsNotOutOfRange() =>
        Assert.Equal("", Codes("""
            { "CustomerRef": { "value": "1" }, "Line": [ { "DetailType": "SalesItemLineDetail", "Amount": 1.00000000, "SalesItemLineDetail": { "ItemRef": { "value": "1" } } } ] }
            """));

    [Fact]
    public void Validate_Messages_NameFieldAndRule()
    {
        var errors = InvoiceValidator.Validate(JsonNode.Parse($$"""{ "CustomerRef": { "value": "1" }, "DocNumber": "{{new string('x', 25)}}", "Line": [ {{ValidLine}} ] }""")!.AsObject());
        Assert.Equal("DocNumber is 25 characters long; QBO allows at most 21 (QBO error 2050)", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData($$"""{ "CustomerRef": { "value": "1" }, "Line": [ {{ValidLine}} ] }""")]
    [InlineData($$"""{ "CustomerRef": { "value": "1" }, "TxnDate": 20240229, "DueDate": "2024-1-1", "BillAddr": "x", "Line": [ {{ValidLine}}, 5 ] }""")]
    [InlineData("""{ "CustomerRef": { "value": 7 }, "DocNumber": "0123456789012345678901", "ShipAddr": { "PostalCode": "0123456789012345678901234567890" }, "Line": [] }""")]
    [InlineData("""
        { "CustomerRef": { "value": " " }, "Line": [
          { "DetailType": "SalesItemLineDetail", "Amount": 10.00, "SalesItemLineDetail": { "ItemRef": { "value": "1" }, "Qty": 3, "UnitPrice": 0.335 } },
          { "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": { "Qty": 1, "ServiceDate": "2024-13-01" } },
          { "DetailType": "Bogus" }, { "DetailType": "SalesItemLineDetail", "Amount": 1.000001, "SalesItemLineDetail": { "ItemRef": {} } } ] }
        """)]
    public void Validate_PendingDraft_GivesWhatTheFinishedObjectGives(string invoiceJson)
    {
        // The builder checks its draft before it becomes JsonObjects: the same rules must say the same there.
        var invoice = JsonNode.Parse(invoiceJson)!.AsObject();
        var tree = DraftTree.Rent();
        try
        {
            var pending = ToPending(tree, invoice);

            Assert.Equal(Render(InvoiceValidator.Validate(invoice)), Render(InvoiceValidator.Validate(pending)));
            Assert.Equal(invoice.ToJsonString(), tree.Materialize(pending).ToJsonString());
        }
        finally
        {
            tree.Return();
        }
    }

    private static string Render(IEnumerable<MappingError> errors) =>
        string.Join("\n", errors.Select(error => $"{error.Field}|{error.Code}|{error.Message}"));

    private static PendingNode ToPending(DraftTree tree, JsonObject source)
    {
        var node = tree.NewObject();
        foreach (var (name, value) in source)
        {
            switch (value)
            {
                case JsonObject child:
                    node.Set(name, leaf: null, ToPending(tree, child));
                    break;
                case JsonArray array:
                    var elements = tree.NewArray();
                    foreach (var element in array)
                    {
                        elements[elements.Append()] = element is JsonObject item
                            ? new PendingNode.Slot(null, null, ToPending(tree, item))
                            : new PendingNode.Slot(null, element?.DeepClone(), null);
                    }

                    node.Set(name, leaf: null, elements);
                    break;
                default:
                    node.Set(name, value?.DeepClone());
                    break;
            }
        }

        return node;
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("0001-01-01")]
    [InlineData("0000-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2024-00-10")]
    [InlineData("2024-13-10")]
    [InlineData("2024-04-31")]
    [InlineData("2024-04-00")]
    [InlineData("2024/04/01")]
    [InlineData("2024-4-011")]
    [InlineData("+024-04-01")]
    [InlineData("2024-04-0a")]
    [InlineData("2024-04-01T")]
    [InlineData("2024-04-\u0661\u0661")]
    public void IsQboDate_AgreesWithTheDateParser(string text) =>
        Assert.Equal(
            DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
                && text.Length == 10,
            QboDates.IsQboDate(text));
}
