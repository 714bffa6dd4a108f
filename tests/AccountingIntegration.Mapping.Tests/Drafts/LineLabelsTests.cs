namespace AccountingIntegration.Mapping.Tests;

public sealed class LineLabelsTests
{
    private static readonly QboPath ItemRef = QboPathParser.Parse("Line[].SalesItemLineDetail.ItemRef.value");

    [Theory]
    [InlineData(0, "Line[0].SalesItemLineDetail.ItemRef.value")]
    [InlineData(31, "Line[31].SalesItemLineDetail.ItemRef.value")]
    [InlineData(32, "Line[32].SalesItemLineDetail.ItemRef.value")]
    [InlineData(1000, "Line[1000].SalesItemLineDetail.ItemRef.value")]
    public void For_NamesTheLine(int index, string expected) =>
        Assert.Equal(expected, new LineLabels(ItemRef).For(index));

    [Fact]
    public void For_SameIndexAgain_ReusesTheLabel()
    {
        var labels = new LineLabels(ItemRef);
        Assert.Same(labels.For(2), labels.For(2));
    }

    [Fact]
    public void Build_ManyLines_EachResolverNamesItsLine()
    {
        var items = string.Join(",", Enumerable.Range(0, 40).Select(i => $$"""{ "sku": "S{{i}}" }"""));
        var mapping = Layers.Merge(
            new FieldMapping("CustomerRef.value", "customer"),
            new FieldMapping("Line", "items"),
            new FieldMapping("Line[].SalesItemLineDetail.ItemRef.value", "sku", "resolve:Item"));

        var first = Layers.Build($$"""{ "customer": "c", "items": [{{items}}] }""", mapping);
        var again = Layers.Build($$"""{ "customer": "c", "items": [{{items}}] }""", mapping);

        Assert.Equal(40, first.Resolvers.Count);
        Assert.Equal([.. Enumerable.Range(0, 40).Select(i => $"Line[{i}].SalesItemLineDetail.ItemRef.value=S{i}")],
            first.Resolvers.Select(r => $"{r.QboField}={r.LookupValue}"));
        Assert.Equal(first.Resolvers, again.Resolvers);
    }
}
