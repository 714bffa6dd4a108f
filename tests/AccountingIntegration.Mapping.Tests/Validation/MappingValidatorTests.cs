using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping.Tests;

public sealed class MappingValidatorTests
{
    private static readonly Dictionary<string, JsonNode?> NoStatics = [];

    private static string Codes(IReadOnlyList<FieldMapping> fields, Dictionary<string, JsonNode?>? statics = null) =>
        string.Join(", ", MappingValidator.ValidateLayer(fields, statics ?? NoStatics).Select(error => $"{error.Field}:{error.Code}"));

    [Fact]
    public void ValidateLayer_EveryBuiltInTemplate_IsValid()
    {
        foreach (var template in BuiltInTemplates.All)
        {
            Assert.True(Codes(template.FieldMappings, new(template.StaticValues)) == "", template.Name);
        }
    }

    [Fact]
    public void ValidateLayer_LineRulesWithoutLineSource_AreAcceptedBecauseLayersMerge() =>
        Assert.Equal("", Codes([new("Line[].Amount", "total", "toNumber"), new("Line[].SalesItemLineDetail.ItemRef.value", "sku", "resolve:Item")]));

    [Fact]
    public void ValidateLayer_ManyProblems_ReportsEachWithItsLocation()
    {
        FieldMapping[] fields =
        [
            new("DocNumber", "number", "multiply:abc"),
            new("TxnDate", "date", "round:-1"),
            new("PrivateNote", "note", "substring:x"),
            new("Customer.value", "a..b"),
            new("CustomerRef.value", "email", "trim|resolve:Item"),
            new("DocNumber", "other"),
            new("Line[].Amount"),
            new("Line", null),
            new("Line", "items", "trim"),
            new("BillEmail.Address", "items[*].email"),
            new("Line[].SalesItemLineDetail.Qty", "qty", DefaultValue: "many"),
            new("TxnDate", "x", Disabled: true),
            new("DueDate", "due", "unknownStep|formatDate"),
            new("  ", "x"),
        ];
        Assert.Equal(
            "fieldMappings[0].transformation:INVALID_TRANSFORMATION, " +
            "fieldMappings[1].transformation:INVALID_TRANSFORMATION, " +
            "fieldMappings[2].transformation:INVALID_TRANSFORMATION, " +
            "fieldMappings[3].qboField:INVALID_QBO_FIELD, fieldMappings[3].sourceField:INVALID_SOURCE_PATH, " +
            "fieldMappings[4].transformation:INVALID_TRANSFORMATION, " +
            "fieldMappings[5].qboField:DUPLICATE_FIELD, " +
            "fieldMappings[6].sourceField:NOTHING_TO_MAP, " +
            "fieldMappings[7].sourceField:NOTHING_TO_MAP, " +
            "fieldMappings[8].qboField:DUPLICATE_FIELD, fieldMappings[8].transformation:INVALID_TRANSFORMATION, " +
            "fieldMappings[9].sourceField:INVALID_SOURCE_PATH, " +
            "fieldMappings[10].defaultValue:INVALID_VALUE, " +
            "fieldMappings[11].qboField:DUPLICATE_FIELD, " +
            "fieldMappings[12].transformation:INVALID_TRANSFORMATION, " +
            "fieldMappings[13].qboField:INVALID_QBO_FIELD",
            Codes(fields));
    }

    [Theory]
    [InlineData("multiply:abc", "DocNumber: step 1 'multiply': argument \"abc\" is not a number")]
    [InlineData("trim|round:-1", "DocNumber: step 2 'round': argument \"-1\" must be between 0 and 28")]
    [InlineData("substring:x", "DocNumber: step 1 'substring': argument \"x\" is not an integer")]
    [InlineData("bogus", "DocNumber: step 1 'bogus' is not a known step")]
    [InlineData("resolve:Customer", "DocNumber: resolve:Customer belongs on CustomerRef.value, not DocNumber")]
    public void ValidateLayer_BadTransformation_MessageNamesFieldStepAndArgument(string transformation, string message)
    {
        var error = Assert.Single(MappingValidator.ValidateLayer([new("DocNumber", "n", transformation)], NoStatics));
        Assert.Equal(("fieldMappings[0].transformation", message), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("CurrencyRef.value", "\"USD\"", "")]
    [InlineData("Line[].DetailType", "\"SalesItemLineDetail\"", "")]
    [InlineData("ExchangeRate", "1.25", "")]
    [InlineData("ExchangeRate", "\"1.25\"", "")]
    [InlineData("TxnDate", "\"2024-01-31\"", "")]
    [InlineData("PrivateNote", "null", "")]
    [InlineData("ExchangeRate", "\"abc\"", "staticValues[\"ExchangeRate\"]:INVALID_STATIC_VALUE")]
    [InlineData("TxnDate", "\"31/01/2024\"", "staticValues[\"TxnDate\"]:INVALID_STATIC_VALUE")]
    [InlineData("DocNumber", "\"0123456789012345678901\"", "staticValues[\"DocNumber\"]:INVALID_STATIC_VALUE")]
    [InlineData("ApplyTaxAfterDiscount", "\"yes\"", "staticValues[\"ApplyTaxAfterDiscount\"]:INVALID_STATIC_VALUE")]
    [InlineData("PrivateNote", "{\"a\":1}", "staticValues[\"PrivateNote\"]:INVALID_STATIC_VALUE")]
    [InlineData("Line", "[]", "staticValues[\"Line\"]:INVALID_QBO_FIELD")]
    [InlineData("Nope", "\"x\"", "staticValues[\"Nope\"]:INVALID_QBO_FIELD")]
    public void ValidateLayer_StaticValue_IsCheckedAgainstFieldType(string path, string valueJson, string expected) =>
        Assert.Equal(expected, Codes([], new() { [path] = JsonNode.Parse(valueJson) }));

    [Fact]
    public void ValidateLayer_FieldBothMappedAndStatic_IsDuplicate() =>
        Assert.Equal(
            "staticValues[\"CurrencyRef.value\"]:DUPLICATE_FIELD",
            Codes([new("CurrencyRef.value", "currency")], new() { ["CurrencyRef.value"] = "USD" }));

    [Fact]
    public void ValidateLayer_DisabledMapping_IsNotCheckedFurther() =>
        Assert.Equal("", Codes([new("DocNumber", "a..b", "bogus", Disabled: true)]));

    [Fact]
    public void ValidateLayer_DefaultOnlyMapping_IsAccepted() =>
        Assert.Equal("", Codes([new("CurrencyRef.value", DefaultValue: "USD")]));
}
