using System.Text.Json.Nodes;
using static AccountingIntegration.Mapping.Tests.Layers;

namespace AccountingIntegration.Mapping.Tests;

public sealed class MappingMergerTests
{
    private static FieldMapping Doc(string source) => new("DocNumber", source);

    private static string Winner(MergedMapping merged, string qboField) =>
        merged.FieldMappings.Single(field => field.Mapping.QboField == qboField) is var winner
            ? $"{winner.LayerId}:{winner.Mapping.SourceField}"
            : "";

    public static TheoryData<string, MappingLayer[], string, string> Precedence => new()
    {
        {
            "higher priority is applied later and wins, whatever the kind",
            [Layer("tpl", LayerKind.Template, priority: 10, fields: [Doc("a")]), Layer("src", LayerKind.SourceMapping, priority: 0, fields: [Doc("b")])],
            "tpl:a", "src,tpl"
        },
        {
            "negative priority goes first",
            [Layer("ovr", LayerKind.Override, priority: -5, fields: [Doc("a")]), Layer("tpl", LayerKind.Template, priority: 0, fields: [Doc("b")])],
            "tpl:b", "ovr,tpl"
        },
        {
            "equal priority: template, then override, then source mapping",
            [Layer("src", LayerKind.SourceMapping, fields: [Doc("s")]), Layer("ovr", LayerKind.Override, fields: [Doc("o")]), Layer("tpl", LayerKind.Template, fields: [Doc("t")])],
            "src:s", "tpl,ovr,src"
        },
        {
            "equal priority: override beats template",
            [Layer("ovr", LayerKind.Override, fields: [Doc("o")]), Layer("tpl", LayerKind.Template, fields: [Doc("t")])],
            "ovr:o", "tpl,ovr"
        },
        {
            "equal priority and kind: the later creation time wins",
            [Layer("new", LayerKind.Override, createdMinute: 5, fields: [Doc("new")]), Layer("old", LayerKind.Override, createdMinute: 1, fields: [Doc("old")])],
            "new:new", "old,new"
        },
        {
            "equal priority, kind and time: the id decides, so input order never matters",
            [Layer("b", LayerKind.Override, fields: [Doc("b")]), Layer("a", LayerKind.Override, fields: [Doc("a")])],
            "b:b", "a,b"
        },
        {
            "a layer that does not mention the field leaves the earlier winner",
            [Layer("tpl", LayerKind.Template, fields: [Doc("t")]), Layer("src", LayerKind.SourceMapping, fields: [new("TxnDate", "date")])],
            "tpl:t", "tpl,src"
        },
        {
            "disabled then re-enabled by a later layer",
            [Layer("tpl", LayerKind.Template, fields: [Doc("t")]), Layer("ovr", LayerKind.Override, fields: [new("DocNumber", Disabled: true)]), Layer("src", LayerKind.SourceMapping, fields: [Doc("s")])],
            "src:s", "tpl,ovr,src"
        },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public void Merge_Layers_LastInOrderWins(string because, MappingLayer[] layers, string expectedWinner, string expectedOrder)
    {
        var merged = MappingMerger.Merge(layers)!;
        Assert.True(expectedWinner == Winner(merged, "DocNumber"), because);
        Assert.Equal(expectedOrder, string.Join(',', merged.LayerIds));
    }

    [Fact]
    public void Merge_NoLayers_ReturnsNull() => Assert.Null(MappingMerger.Merge([]));

    [Fact]
    public void Merge_WinnerRemembersLayerIdAndKind()
    {
        var merged = MappingMerger.Merge([
            Layer("tpl", LayerKind.Template, fields: [Doc("t"), new("TxnDate", "date")]),
            Layer("ovr", LayerKind.Override, fields: [Doc("o")]),
        ])!;
        var doc = merged.FieldMappings.Single(field => field.Mapping.QboField == "DocNumber");
        var date = merged.FieldMappings.Single(field => field.Mapping.QboField == "TxnDate");
        Assert.Equal(("ovr", LayerKind.Override), (doc.LayerId, doc.LayerKind));
        Assert.Equal(("tpl", LayerKind.Template), (date.LayerId, date.LayerKind));
    }

    [Fact]
    public void Merge_DisabledMapping_RemovesInheritedFieldAndStatic()
    {
        var merged = MappingMerger.Merge([
            Layer("tpl", LayerKind.Template, fields: [Doc("t")], statics: new() { ["CurrencyRef.value"] = "USD" }),
            Layer("ovr", LayerKind.Override, fields: [new("DocNumber", Disabled: true), new("CurrencyRef.value", Disabled: true)]),
        ])!;
        Assert.Empty(merged.FieldMappings);
        Assert.Empty(merged.StaticValues);
    }

    [Fact]
    public void Merge_DisabledWithoutInheritedMapping_AddsNothing()
    {
        var merged = MappingMerger.Merge([Layer("src", fields: [new("DocNumber", Disabled: true)])])!;
        Assert.Empty(merged.FieldMappings);
    }

    [Fact]
    public void Merge_DisabledAndStaticInSameLayer_ReplacesMappingWithConstant()
    {
        var merged = MappingMerger.Merge([
            Layer("tpl", LayerKind.Template, fields: [new("CurrencyRef.value", "currency")]),
            Layer("ovr", LayerKind.Override, fields: [new("CurrencyRef.value", Disabled: true)], statics: new() { ["CurrencyRef.value"] = "EUR" }),
        ])!;
        Assert.Empty(merged.FieldMappings);
        var single = Assert.Single(merged.StaticValues);
        Assert.Equal(("CurrencyRef.value", "EUR", "ovr"), (single.QboPath, single.Value!.GetValue<string>(), single.LayerId));
    }

    [Fact]
    public void Merge_StaticValues_LaterLayerWinsPerKey()
    {
        var merged = MappingMerger.Merge([
            Layer("tpl", LayerKind.Template, statics: new() { ["CurrencyRef.value"] = "USD", ["Line[].DetailType"] = "SalesItemLineDetail" }),
            Layer("src", LayerKind.SourceMapping, statics: new() { ["CurrencyRef.value"] = "CAD" }),
        ])!;
        var statics = merged.StaticValues.ToDictionary(value => value.QboPath);
        Assert.Equal("CAD", statics["CurrencyRef.value"].Value!.GetValue<string>());
        Assert.Equal("src", statics["CurrencyRef.value"].LayerId);
        Assert.Equal("tpl", statics["Line[].DetailType"].LayerId);
    }

    [Fact]
    public void Merge_LaterStaticOverEarlierFieldMapping_StaticWins()
    {
        var merged = MappingMerger.Merge([
            Layer("tpl", LayerKind.Template, fields: [new("CurrencyRef.value", "currency")]),
            Layer("src", LayerKind.SourceMapping, statics: new() { ["CurrencyRef.value"] = "EUR" }),
        ])!;
        Assert.Empty(merged.FieldMappings);
        Assert.Equal("src", Assert.Single(merged.StaticValues).LayerId);
    }

    [Fact]
    public void Merge_LaterFieldMappingOverEarlierStatic_FieldMappingWins()
    {
        var merged = MappingMerger.Merge([
            Layer("tpl", LayerKind.Template, statics: new() { ["CurrencyRef.value"] = "EUR" }),
            Layer("src", LayerKind.SourceMapping, fields: [new("CurrencyRef.value", "currency")]),
        ])!;
        Assert.Empty(merged.StaticValues);
        Assert.Equal("src", Assert.Single(merged.FieldMappings).LayerId);
    }

    [Fact]
    public void Merge_DuplicateFieldInOneLayer_LastEntryWins()
    {
        var merged = MappingMerger.Merge([Layer("src", fields: [Doc("first"), Doc("second")])])!;
        Assert.Equal("src:second", Winner(merged, "DocNumber"));
    }

    [Fact]
    public void Merge_OverriddenField_KeepsItsFirstPosition()
    {
        var merged = MappingMerger.Merge([
            Layer("tpl", LayerKind.Template, fields: [Doc("t"), new("TxnDate", "date")]),
            Layer("src", LayerKind.SourceMapping, fields: [Doc("s")]),
        ])!;
        Assert.Equal(["DocNumber", "TxnDate"], merged.FieldMappings.Select(field => field.Mapping.QboField));
    }

    [Fact]
    public void Merge_StaticValue_IsCopiedSoLayerChangesDoNotLeak()
    {
        var statics = new Dictionary<string, JsonNode?> { ["PrivateNote"] = "original" };
        var merged = MappingMerger.Merge([Layer("src", statics: statics)])!;
        Assert.NotSame(statics["PrivateNote"], merged.StaticValues[0].Value);
        Assert.Equal("original", merged.StaticValues[0].Value!.GetValue<string>());
    }
}
