using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping.Tests;

/// <summary>
/// The pending tree the draft writes into: it must give the JSON the indexer-by-indexer writes gave (property order,
/// in-place overwrites, array gaps), and its pooling must never reach into a draft already handed out.
/// </summary>
public sealed class DraftTreeTests
{
    [Fact]
    public void Materialize_KeepsFirstWriteOrder_AndOverwritesInPlace()
    {
        var tree = DraftTree.Rent();
        try
        {
            var root = tree.NewObject();
            tree.Write(root, Path("A.x"), 1);
            tree.Write(root, Path("B"), "first");
            tree.Write(root, Path("A.y"), 2);
            tree.Write(root, Path("B"), "second");
            tree.Write(root, Path("A.x"), 3);

            Assert.Equal("""{"A":{"x":3,"y":2},"B":"second"}""", tree.Materialize(root).ToJsonString());
        }
        finally
        {
            tree.Return();
        }
    }

    [Fact]
    public void Write_ObjectBelowALeaf_ReplacesTheLeafInPlace()
    {
        var tree = DraftTree.Rent();
        try
        {
            var root = tree.NewObject();
            tree.Write(root, Path("A"), "text");
            tree.Write(root, Path("Z"), 0);
            tree.Write(root, Path("A.value"), "v");

            Assert.Equal("""{"A":{"value":"v"},"Z":0}""", tree.Materialize(root).ToJsonString());
        }
        finally
        {
            tree.Return();
        }
    }

    [Fact]
    public void Write_IndexedPaths_FillGapsWithEmptyObjectsOrNulls()
    {
        var tree = DraftTree.Rent();
        try
        {
            var root = tree.NewObject();
            tree.Write(root, Path("CustomField[2].Name"), "c");
            tree.Write(root, Path("CustomField[0].Name"), "a");
            tree.Write(root, [new QboPathSegment("Tags", 1)], "t");

            Assert.Equal("""{"CustomField":[{"Name":"a"},{},{"Name":"c"}],"Tags":[null,"t"]}""", tree.Materialize(root).ToJsonString());
        }
        finally
        {
            tree.Return();
        }
    }

    [Fact]
    public void Return_ReusesPendingNodes_WithoutTouchingFinishedObjects()
    {
        var first = Draft("one");
        var second = Draft("two");

        Assert.Equal("""{"A":{"value":"one"}}""", first.ToJsonString());
        Assert.Equal("""{"A":{"value":"two"}}""", second.ToJsonString());
        // The finished objects are ordinary JsonObjects: they can be changed like any other.
        first["B"] = 1;
        Assert.Equal("""{"A":{"value":"one"},"B":1}""", first.ToJsonString());
    }

    [Fact]
    public void Rent_WhileTheThreadsTreeIsInUse_GivesAnotherTree()
    {
        var outer = DraftTree.Rent();
        var inner = DraftTree.Rent();
        try
        {
            Assert.NotSame(outer, inner);
        }
        finally
        {
            inner.Return();
            outer.Return();
        }
    }

    [Fact]
    public void Build_SameMappingTwice_GivesEqualButSeparateInvoices()
    {
        var mapping = Layers.Merge(
            new FieldMapping("CustomerRef.value", "customer"),
            new FieldMapping("Line", "items"),
            new FieldMapping("Line[].SalesItemLineDetail.ItemRef.value", "sku"),
            new FieldMapping("Line[].SalesItemLineDetail.UnitPrice", "price"));
        const string Payload = """{ "customer": "c", "items": [ { "sku": "A", "price": 2 }, { "sku": "B", "price": 3 } ] }""";

        var first = Layers.Build(Payload, mapping);
        var second = Layers.Build(Payload, mapping);

        Assert.True(first.IsValid, Layers.Codes(first));
        Assert.NotSame(first.Invoice, second.Invoice);
        Assert.True(JsonNode.DeepEquals(first.Invoice, second.Invoice));
        Assert.Equal(
            """{"CustomerRef":{"value":"c"},"Line":[{"SalesItemLineDetail":{"ItemRef":{"value":"A"},"UnitPrice":2,"Qty":1},"DetailType":"SalesItemLineDetail","Amount":2.00},""" +
            """{"SalesItemLineDetail":{"ItemRef":{"value":"B"},"UnitPrice":3,"Qty":1},"DetailType":"SalesItemLineDetail","Amount":3.00}]}""",
            first.Invoice.ToJsonString());
    }

    private static JsonObject Draft(string value)
    {
        var tree = DraftTree.Rent();
        try
        {
            var root = tree.NewObject();
            tree.Write(root, Path("A.value"), value);
            return (JsonObject)tree.Materialize(root);
        }
        finally
        {
            tree.Return();
        }
    }

    private static QboPathSegment[] Path(string dotted) =>
        [.. dotted.Split('.').Select(part => part.EndsWith(']')
            ? new QboPathSegment(part[..part.IndexOf('[')], int.Parse(part[(part.IndexOf('[') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture))
            : new QboPathSegment(part, null))];
}
