using System.Text.Json;

namespace AccountingIntegration.Mapping.Tests;

/// <summary>The one-pass property lookup must find what <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> finds.</summary>
public sealed class PropertyIndexTests
{
    private static readonly string LongName = new('k', 70);

    [Theory]
    [InlineData("""{ "a": 1, "b": "two", "c": null }""")]
    [InlineData("""{ "c": [1], "zz": 0, "a": { "x": 1 } }""")]
    [InlineData("""{ "a": 1, "a": 2, "b": 3, "a": 4 }""")]
    [InlineData("""{ "\u0061": "escaped a", "b\"": 1, "b": 2 }""")]
    [InlineData("""{ "é": "accent", "e": "plain", "c": 5 }""")]
    [InlineData("""{ "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": "long", "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": "longer" }""")]
    [InlineData("""{}""")]
    public void Fill_FindsWhatTryGetPropertyFinds(string json)
    {
        string[] names = ["a", "b", "c", "é", "missing", LongName];
        using var document = JsonDocument.Parse(json);
        var values = new JsonElement[names.Length];

        new PropertyIndex(names).Fill(document.RootElement, values);

        for (var i = 0; i < names.Length; i++)
        {
            var expected = document.RootElement.TryGetProperty(names[i], out var found) ? found.GetRawText() : "(absent)";
            var actual = values[i].ValueKind == JsonValueKind.Undefined ? "(absent)" : values[i].GetRawText();
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Fill_NotAnObject_FindsNothing(string json)
    {
        using var document = JsonDocument.Parse(json);
        var values = new JsonElement[2];
        using var stale = JsonDocument.Parse("""{ "a": 1 }""");
        values[0] = stale.RootElement;

        new PropertyIndex(["a", "b"]).Fill(document.RootElement, values);

        Assert.All(values, value => Assert.Equal(JsonValueKind.Undefined, value.ValueKind));
    }

    [Fact]
    public void Compile_ManyRootNames_IndexesThem_FewLineNames_LooksThemUp()
    {
        var compiled = Layers.Merge(
            new FieldMapping("CustomerRef.value", "customer.email"),
            new FieldMapping("DocNumber", "$.number"),
            new FieldMapping("PrivateNote", "note"),
            new FieldMapping("Line", "items"),
            new FieldMapping("Line[].Description", "$.note"),
            new FieldMapping("Line[].SalesItemLineDetail.ItemRef.value", "sku")).Compiled;

        Assert.Equal(3, compiled.RootIndex!.Count);
        Assert.Null(compiled.LineIndex);
        Assert.All(compiled.HeaderFields, field => Assert.True(field.Slot >= 0 && !field.SlotOnLine));
        var description = compiled.LineFields.Single(field => field.QboField == "Line[].Description");
        Assert.Equal((2, false), (description.Slot, description.SlotOnLine));
        Assert.Equal(-1, compiled.LineFields.Single(field => field.QboField == "Line[].SalesItemLineDetail.ItemRef.value").Slot);
    }

    [Fact]
    public void Build_IndexedAndDirectLookups_GiveTheSameDraft()
    {
        const string Payload = """
            { "customer": { "email": "c@example.com" }, "number": 7, "note": "n", "note": "last note wins",
              "items": [ { "sku": "A", "price": "2.50", "qty": 2, "name": "first" }, { "sku": "B", "price": 3, "\u006eame": "second" } ] }
            """;
        FieldMapping[] rules =
        [
            new("CustomerRef.value", "customer.email"),
            new("DocNumber", "$.number", "toString"),
            new("PrivateNote", "note"),
            new("Line", "items"),
            new("Line[].Description", "name"),
            new("Line[].SalesItemLineDetail.ItemRef.value", "sku"),
            new("Line[].SalesItemLineDetail.UnitPrice", "price"),
            new("Line[].SalesItemLineDetail.Qty", "qty"),
        ];
        var indexed = Layers.Merge(rules);
        Assert.NotNull(indexed.Compiled.RootIndex);
        Assert.NotNull(indexed.Compiled.LineIndex);

        var viaIndex = Layers.Build(Payload, indexed);
        using var document = JsonDocument.Parse(Payload);
        var direct = Direct(document.RootElement, rules);

        Assert.True(viaIndex.IsValid, Layers.Codes(viaIndex));
        Assert.Equal(direct, viaIndex.Invoice.ToJsonString());
        Assert.Equal("last note wins", viaIndex.Invoice["PrivateNote"]!.GetValue<string>());
        Assert.Equal("second", viaIndex.Invoice["Line"]![1]!["Description"]!.GetValue<string>());
    }

    /// <summary>The same draft with every source read by <see cref="SourcePath.Read"/>, written field by field.</summary>
    private static string Direct(JsonElement root, FieldMapping[] rules)
    {
        var items = root.GetProperty("items");
        var invoice = new System.Text.Json.Nodes.JsonObject
        {
            ["CustomerRef"] = new System.Text.Json.Nodes.JsonObject { ["value"] = SourcePathParser.Parse(rules[0].SourceField!).Read(root, root).ToText() },
            ["DocNumber"] = SourcePathParser.Parse(rules[1].SourceField!).Read(root, root).ToText(),
            ["PrivateNote"] = SourcePathParser.Parse(rules[2].SourceField!).Read(root, root).ToText(),
        };
        var lines = new System.Text.Json.Nodes.JsonArray();
        foreach (var item in items.EnumerateArray())
        {
            var price = SourcePathParser.Parse("price").Read(root, item);
            var qty = SourcePathParser.Parse("qty").Read(root, item);
            var unitPrice = price.Kind == ValueKind.Number ? price.Number : decimal.Parse(price.String, System.Globalization.CultureInfo.InvariantCulture);
            var quantity = qty.Kind == ValueKind.Number ? qty.Number : 1m;
            var detail = new System.Text.Json.Nodes.JsonObject
            {
                ["ItemRef"] = new System.Text.Json.Nodes.JsonObject { ["value"] = SourcePathParser.Parse("sku").Read(root, item).ToText() },
                ["UnitPrice"] = unitPrice,
            };
            detail["Qty"] = quantity;
            lines.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["Description"] = SourcePathParser.Parse("name").Read(root, item).ToText(),
                ["SalesItemLineDetail"] = detail,
                ["DetailType"] = "SalesItemLineDetail",
                ["Amount"] = Math.Round(quantity * unitPrice, 2, MidpointRounding.AwayFromZero) + 0.00m,
            });
        }

        invoice["Line"] = lines;
        return invoice.ToJsonString();
    }
}
