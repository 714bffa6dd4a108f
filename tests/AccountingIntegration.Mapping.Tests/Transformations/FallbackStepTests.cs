namespace AccountingIntegration.Mapping.Tests;

public sealed class FallbackStepTests
{
    [Theory]
    [InlineData("null", "\"n/a\"")]
    [InlineData(Pipelines.Missing, "\"n/a\"")]
    [InlineData("\"\"", "\"n/a\"")]
    [InlineData("0", "0")]
    [InlineData("false", "false")]
    [InlineData("\" \"", "\" \"")]
    [InlineData("\"x\"", "\"x\"")]
    [InlineData("[]", "[]")]
    public void Run_Default_AppliesOnlyToNullMissingOrEmpty(string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run("default:n/a", input));

    [Theory]
    [InlineData("default:12:30", "\"12:30\"")]
    [InlineData(@"default:a\|b", "\"a|b\"")]
    [InlineData("default: ", "\" \"")]
    public void Run_Default_UsesTheWholeArgumentText(string transformation, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, "null"));

    [Fact]
    public void Run_DefaultBeforeNumberStep_FeedsTheNumber() =>
        Assert.Equal("5.00", Pipelines.Run("default:500|fromCents", "null"));

    private const string Root = """
        { "email": null, "name": "", "customer": "cus_123", "nested": { "email": "n@example.com" }, "zero": 0 }
        """;

    [Theory]
    [InlineData("coalesce:name:customer", "null", "\"cus_123\"")]
    [InlineData("coalesce:nested.email:customer", "null", "\"n@example.com\"")]
    [InlineData("coalesce:$.nested.email", Pipelines.Missing, "\"n@example.com\"")]
    [InlineData("coalesce:zero:customer", "\"\"", "0")]
    [InlineData("coalesce:customer", "\"given\"", "\"given\"")]
    [InlineData("coalesce:missing:name", "null", "null")]
    [InlineData("coalesce:missing|default:anon", "null", "\"anon\"")]
    public void Run_Coalesce_TakesFirstPathWithAValue(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input, Root));
}
