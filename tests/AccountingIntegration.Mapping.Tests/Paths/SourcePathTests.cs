using System.Text.Json;

namespace AccountingIntegration.Mapping.Tests;

public sealed class SourcePathTests
{
    private const string Payload = """
        {
          "id": 820982911946154508,
          "data": { "object": { "customer_email": null, "lines": { "data": [ { "amount": 2000 }, { "amount": 500 } ] } } },
          "items": [ { "sku": "A" }, { "sku": "B" }, { "sku": "C" } ],
          "key.with.dots": "dotted",
          "quote\"d": "quoted",
          "it's": "apostrophe",
          "odd key": "spaced",
          "empty": [],
          "matrix": [[1, 2], [3]],
          "flag": false
        }
        """;

    [Theory]
    [InlineData("id", "820982911946154508")]
    [InlineData("data.object.lines.data[1].amount", "500")]
    [InlineData("data.object.customer_email", "null")]
    [InlineData("data.object.nope", Pipelines.Missing)]
    [InlineData("data.object.customer_email.deeper", Pipelines.Missing)]
    [InlineData("items[0].sku", "\"A\"")]
    [InlineData("items[-1].sku", "\"C\"")]
    [InlineData("items[3].sku", Pipelines.Missing)]
    [InlineData("items[-4].sku", Pipelines.Missing)]
    [InlineData("items.sku", Pipelines.Missing)]
    [InlineData("id.x", Pipelines.Missing)]
    [InlineData("[\"key.with.dots\"]", "\"dotted\"")]
    [InlineData("['key.with.dots']", "\"dotted\"")]
    [InlineData("$[\"key.with.dots\"]", "\"dotted\"")]
    [InlineData("$.['key.with.dots']", "\"dotted\"")]
    [InlineData("[\"quote\\\"d\"]", "\"quoted\"")]
    [InlineData("[\"it's\"]", "\"apostrophe\"")]
    [InlineData("['it\\'s']", "\"apostrophe\"")]
    [InlineData("odd key", "\"spaced\"")]
    [InlineData("matrix[0][1]", "2")]
    [InlineData("matrix[1][0]", "3")]
    [InlineData("flag", "false")]
    [InlineData("$.items[1].sku", "\"B\"")]
    [InlineData("$.id", "820982911946154508")]
    public void Read_Path_FindsValue(string path, string expected)
    {
        var root = JsonDocument.Parse(Payload).RootElement;
        Assert.Equal(expected, Pipelines.Render(SourcePathParser.Parse(path).Read(root, root)));
    }

    [Fact]
    public void Read_RelativeAndRootPaths_StartFromCurrentAndRoot()
    {
        var root = JsonDocument.Parse(Payload).RootElement;
        var line = root.GetProperty("items")[1];
        Assert.Equal("\"B\"", Pipelines.Render(SourcePathParser.Parse("sku").Read(root, line)));
        Assert.Equal("820982911946154508", Pipelines.Render(SourcePathParser.Parse("$.id").Read(root, line)));
        Assert.Equal(Pipelines.Missing, Pipelines.Render(SourcePathParser.Parse("id").Read(root, line)));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData(".a")]
    [InlineData("a[")]
    [InlineData("a[x]")]
    [InlineData("a[1")]
    [InlineData("a.[0]")]
    [InlineData("a]")]
    [InlineData("[\"unclosed]")]
    [InlineData("[\"key\"x]")]
    [InlineData("$.")]
    [InlineData("a[]")]
    public void Parse_MalformedPath_Throws(string path) =>
        Assert.Throws<PathSyntaxException>(() => SourcePathParser.Parse(path));

    [Fact]
    public void Parse_SameText_ReturnsCachedPath() =>
        Assert.Same(SourcePathParser.Parse("a.b[0]"), SourcePathParser.Parse("a.b[0]"));

    [Theory]
    [InlineData("items", 3)]
    [InlineData("data.object.lines.data", 2)]
    [InlineData("matrix[*]", 3)]
    [InlineData("empty", 0)]
    [InlineData("nope", 0)]
    [InlineData("data.object.customer_email", 0)]
    public void TrySelectAll_ArrayPath_ReturnsElements(string path, int expected)
    {
        var root = JsonDocument.Parse(Payload).RootElement;
        var results = new List<JsonElement>();
        Assert.True(SourcePathParser.Parse(path).TrySelectAll(root, root, results, out var problem), problem);
        Assert.Equal(expected, results.Count);
    }

    [Theory]
    [InlineData("id", "number")]
    [InlineData("data", "object")]
    public void TrySelectAll_NonArray_ReportsWhatItFound(string path, string found)
    {
        var root = JsonDocument.Parse(Payload).RootElement;
        Assert.False(SourcePathParser.Parse(path).TrySelectAll(root, root, [], out var problem));
        Assert.Contains($"reached a {found}, not an array", problem, StringComparison.Ordinal);
    }
}
