using System.Text.Json;
using System.Text.Json.Nodes;
using static AccountingIntegration.Mapping.Tests.Layers;

namespace AccountingIntegration.Mapping.Tests;

public sealed class DraftHeaderTests
{
    private static readonly FieldMapping[] ValidLines =
    [
        new("Line[].SalesItemLineDetail.ItemRef.value", "sku", DefaultValue: "ITEM"),
        new("Line[].Amount", "amount", DefaultValue: 1),
    ];

    private static InvoiceDraftResult BuildWith(string payload, params FieldMapping[] header) =>
        Build(payload, Merge([.. header, .. ValidLines]));

    [Fact]
    public void Build_RequiredFieldMissing_ReportsFieldAndSource()
    {
        var result = BuildWith("""{ "customer": "c" }""", new("CustomerRef.value", "customer"), new("DocNumber", "order.number", Required: true));
        var error = Assert.Single(result.Errors);
        Assert.Equal(("DocNumber", MappingErrorCodes.RequiredFieldMissing), (error.Field, error.Code));
        Assert.Equal("DocNumber is required but 'order.number' gave no value", error.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    public void Build_RequiredFieldNullOrEmpty_IsMissing(string value)
    {
        var result = BuildWith($$"""{ "customer": "c", "n": {{value}} }""", new("CustomerRef.value", "customer"), new("DocNumber", "n", Required: true));
        Assert.Equal("DocNumber:REQUIRED_FIELD_MISSING", Codes(result));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("false", "false")]
    public void Build_ZeroOrFalse_IsAValueNotMissing(string value, string written)
    {
        var result = BuildWith($$"""{ "customer": "c", "n": {{value}} }""", new("CustomerRef.value", "customer"), new("DocNumber", "n", Required: true));
        Assert.True(result.IsValid, Codes(result));
        Assert.Equal(written, result.Invoice["DocNumber"]!.GetValue<string>());
    }

    [Fact]
    public void Build_DefaultValue_AppliesAfterThePipelineWhenEmpty()
    {
        var result = BuildWith("""{ "customer": "c", "memo": "  " }""",
            new("CustomerRef.value", "customer"),
            new("PrivateNote", "memo", "trim", DefaultValue: "no memo"),
            new("CurrencyRef.value", "currency", DefaultValue: "USD", Required: true));
        Assert.True(result.IsValid, Codes(result));
        Assert.Equal("no memo", result.Invoice["PrivateNote"]!.GetValue<string>());
        Assert.Equal("USD", result.Invoice["CurrencyRef"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Build_ResolveSteps_RecordRequestsWithFinalValue()
    {
        var result = Build(
            """{ "email": null, "name": "Ada Lovelace", "items": [ { "sku": "A-1", "amount": 5 }, { "sku": "", "title": "Gift card", "amount": 7 } ] }""",
            Merge(
                new("CustomerRef.value", "email", "coalesce:name|resolve:Customer", Required: true),
                new("Line", "items"),
                new("Line[].Amount", "amount"),
                new("Line[].SalesItemLineDetail.ItemRef.value", "sku", "coalesce:title|trim|resolve:Item")));

        Assert.True(result.IsValid, Codes(result));
        Assert.Equal(
            [
                new ResolverRequest("CustomerRef.value", "Customer", "Ada Lovelace", null),
                new ResolverRequest("Line[0].SalesItemLineDetail.ItemRef.value", "Item", "A-1", 0),
                new ResolverRequest("Line[1].SalesItemLineDetail.ItemRef.value", "Item", "Gift card", 1),
            ],
            result.Resolvers);
        Assert.Equal("Ada Lovelace", result.Invoice["CustomerRef"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Build_ResolveWithNoValue_RecordsNothingAndReportsRequired()
    {
        var result = BuildWith("""{ }""", new FieldMapping("CustomerRef.value", "email", "resolve:Customer", Required: true));
        Assert.Empty(result.Resolvers);
        Assert.Equal("CustomerRef.value:REQUIRED_FIELD_MISSING", Codes(result));
    }

    [Theory]
    [InlineData("ExchangeRate", "\"abc\"", "\"abc\" is not a number")]
    [InlineData("ApplyTaxAfterDiscount", "\"maybe\"", "\"maybe\" is not true or false")]
    [InlineData("PrivateNote", "{\"a\":1}", "(object) cannot be written to a text field")]
    [InlineData("TxnDate", "[1]", "(array) is not a date text")]
    public void Build_ValueOfWrongType_ReportsInvalidValue(string field, string value, string fragment)
    {
        var result = BuildWith($$"""{ "customer": "c", "v": {{value}} }""", new("CustomerRef.value", "customer"), new(field, "v"));
        var error = Assert.Single(result.Errors);
        Assert.Equal((field, MappingErrorCodes.InvalidValue), (error.Field, error.Code));
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ExchangeRate", "\"1.25\"", "1.25")]
    [InlineData("ApplyTaxAfterDiscount", "\"true\"", "true")]
    [InlineData("ApplyTaxAfterDiscount", "false", "false")]
    [InlineData("DocNumber", "1001", "\"1001\"")]
    [InlineData("DocNumber", "820982911946154508", "\"820982911946154508\"")]
    [InlineData("Line[].LineNum", "\"3\"", "3")]
    public void Build_ValueOfConvertibleType_IsWrittenInFieldType(string field, string value, string json)
    {
        var result = BuildWith($$"""{ "customer": "c", "v": {{value}} }""", new("CustomerRef.value", "customer"), new(field, "$.v"));
        Assert.True(result.IsValid, Codes(result));
        var node = field.StartsWith("Line[]", StringComparison.Ordinal) ? result.Invoice["Line"]![0]!["LineNum"] : result.Invoice[field];
        Assert.Equal(json, node!.ToJsonString());
    }

    [Fact]
    public void Build_CustomFieldWithIndex_WritesArraySlot()
    {
        var result = BuildWith("""{ "customer": "c", "ref": "PO-7" }""",
            new("CustomerRef.value", "customer"), new("CustomField[1].StringValue", "ref"));
        Assert.Equal("""[{},{"StringValue":"PO-7"}]""", result.Invoice["CustomField"]!.ToJsonString());
    }

    [Fact]
    public void Build_StoredLayerNeverValidated_ReportsCompileErrorsAndStillBuilds()
    {
        var result = BuildWith("""{ "customer": "c", "n": "1" }""",
            new("CustomerRef.value", "customer"),
            new("DocNumber", "n", "frobnicate"),
            new("Nope.value", "n"),
            new("PrivateNote", "a..b"));
        Assert.Equal("DocNumber:INVALID_TRANSFORMATION, Nope.value:INVALID_QBO_FIELD, PrivateNote:INVALID_SOURCE_PATH", Codes(result));
        Assert.Equal("c", result.Invoice["CustomerRef"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Build_FieldAlreadyReported_IsNotRepeatedAsQboRule()
    {
        var result = BuildWith("""{ }""", new FieldMapping("CustomerRef.value", "customer", Required: true));
        Assert.Equal("CustomerRef.value:REQUIRED_FIELD_MISSING", Codes(result));
    }

    [Fact]
    public void Build_SameMappingTwice_GivesEqualDraftsAndReusesCompiledForm()
    {
        var mapping = Merge([new("CustomerRef.value", "customer"), .. ValidLines]);
        var first = Build("""{ "customer": "a" }""", mapping);
        var second = Build("""{ "customer": "b" }""", mapping);
        Assert.Same(mapping.Compiled, mapping.Compiled);
        Assert.Equal("a", first.Invoice["CustomerRef"]!["value"]!.GetValue<string>());
        Assert.Equal("b", second.Invoice["CustomerRef"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Build_StaticValues_AreWrittenWithTheirType()
    {
        var result = Build("""{ "customer": "c" }""", Merge(
            [new("CustomerRef.value", "customer"), .. ValidLines],
            new() { ["EmailStatus"] = "NeedToSend", ["ExchangeRate"] = JsonValue.Create(1.5m), ["ApplyTaxAfterDiscount"] = false, ["PrivateNote"] = null }));
        Assert.Equal("NeedToSend", result.Invoice["EmailStatus"]!.GetValue<string>());
        Assert.Equal(1.5m, result.Invoice["ExchangeRate"]!.GetValue<decimal>());
        Assert.False(result.Invoice["ApplyTaxAfterDiscount"]!.GetValue<bool>());
        Assert.False(result.Invoice.ContainsKey("PrivateNote"));
    }

    [Fact]
    public void Build_ManyThreadsSharingOneMapping_GiveIndependentEqualDrafts()
    {
        var template = BuiltInTemplates.ForSourceType("generic")!;
        var mapping = FromTemplate(template);
        using var document = JsonDocument.Parse(GenericTemplateTests.Sample);
        var payload = document.RootElement;
        var expected = InvoiceDraftBuilder.Build(payload, mapping).Invoice.ToJsonString();
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = InvoiceDraftBuilder.Build(payload, mapping).Invoice.ToJsonString());
        Assert.All(results, json => Assert.Equal(expected, json));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"just text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Build_PayloadRootNotAnObject_ReportsInsteadOfThrowing(string payload)
    {
        var template = BuiltInTemplates.ForSourceType("generic")!;
        var result = Build(payload, FromTemplate(template));
        Assert.Contains(result.Errors, error => error.Code == MappingErrorCodes.RequiredFieldMissing && error.Field == "CustomerRef.value");
        Assert.Contains(result.Errors, error => error.Field == "Line");
    }
}
