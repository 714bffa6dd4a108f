using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping.Tests;

public sealed class MappingJsonTests
{
    [Fact]
    public void DeserializeFieldMappings_StoredShape_ReadsEveryProperty()
    {
        const string Json = """
            [
              { "qboField": "DocNumber", "sourceField": "number", "transformation": "trim", "required": true, "defaultValue": "N/A", "disabled": false },
              { "qboField": "Line[].SalesItemLineDetail.Qty", "sourceField": "qty", "defaultValue": 1 },
              { "qboField": "PrivateNote", "disabled": true }
            ]
            """;
        var mappings = MappingJson.DeserializeFieldMappings(Json);

        Assert.Equal(3, mappings.Count);
        Assert.Equal(("DocNumber", "number", "trim", true, false), (mappings[0].QboField, mappings[0].SourceField, mappings[0].Transformation, mappings[0].Required, mappings[0].Disabled));
        Assert.Equal("N/A", mappings[0].DefaultValue!.GetValue<string>());
        Assert.Equal(1m, mappings[1].DefaultValue!.GetValue<decimal>());
        Assert.Null(mappings[1].Transformation);
        Assert.False(mappings[1].Required);
        Assert.True(mappings[2].Disabled);
        Assert.Null(mappings[2].SourceField);
    }

    [Fact]
    public void SerializeFieldMappings_WritesCamelCaseShape()
    {
        var json = MappingJson.SerializeFieldMappings([new("DocNumber", "number", "trim", Required: true, DefaultValue: "N/A")]);
        Assert.Equal(
            """[{"qboField":"DocNumber","sourceField":"number","transformation":"trim","required":true,"defaultValue":"N/A","disabled":false}]""",
            json);
    }

    [Fact]
    public void FieldMappings_RoundTrip_KeepsEighteenDigitDefaultExact()
    {
        var json = MappingJson.SerializeFieldMappings([new("DocNumber", "n", DefaultValue: JsonNode.Parse("820982911946154508"))]);
        var back = MappingJson.DeserializeFieldMappings(json);
        Assert.Contains("820982911946154508", json, StringComparison.Ordinal);
        Assert.Equal(820982911946154508m, back[0].DefaultValue!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("""[{ "sourceField": "x" }]""")]
    [InlineData("""[{ "qboField": null }]""")]
    [InlineData("""null""")]
    [InlineData("""{ "qboField": "DocNumber" }""")]
    [InlineData("""[{ "qboField": "DocNumber" }, null]""")]
    [InlineData("""[{ "qboField": "DocNumber", "required": "yes" }]""")]
    public void DeserializeFieldMappings_MalformedShape_Throws(string json) =>
        Assert.ThrowsAny<JsonException>(() => MappingJson.DeserializeFieldMappings(json));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void DeserializeFieldMappings_EmptyColumn_IsEmptyList(string? json) =>
        Assert.Empty(MappingJson.DeserializeFieldMappings(json));

    [Fact]
    public void StaticValues_RoundTrip_KeepsTypes()
    {
        var values = MappingJson.DeserializeStaticValues("""{ "CurrencyRef.value": "USD", "ExchangeRate": 1.50, "ApplyTaxAfterDiscount": false, "PrivateNote": null }""");
        Assert.Equal(4, values.Count);
        Assert.Equal("USD", values["CurrencyRef.value"]!.GetValue<string>());
        Assert.Null(values["PrivateNote"]);
        Assert.Equal(
            """{"CurrencyRef.value":"USD","ExchangeRate":1.50,"ApplyTaxAfterDiscount":false,"PrivateNote":null}""",
            MappingJson.SerializeStaticValues(values));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"x\"")]
    public void DeserializeStaticValues_NotAnObject_Throws(string json) =>
        Assert.Throws<JsonException>(() => MappingJson.DeserializeStaticValues(json));

    [Fact]
    public void BuiltInTemplates_SerializeAndReadBack_AreEqualAndValid()
    {
        foreach (var template in BuiltInTemplates.All)
        {
            var fields = MappingJson.DeserializeFieldMappings(MappingJson.SerializeFieldMappings(template.FieldMappings));
            var statics = MappingJson.DeserializeStaticValues(MappingJson.SerializeStaticValues(template.StaticValues));
            Assert.Equal(template.FieldMappings.Select(field => field with { DefaultValue = null }), fields.Select(field => field with { DefaultValue = null }));
            Assert.Equal(
                template.FieldMappings.Select(field => field.DefaultValue?.ToJsonString()),
                fields.Select(field => field.DefaultValue?.ToJsonString()));
            Assert.Empty(MappingValidator.ValidateLayer(fields, statics));
            Assert.Equal(template.EventActions, MappingJson.DeserializeEventActions(MappingJson.SerializeEventActions(template.EventActions)));
        }
    }
}
