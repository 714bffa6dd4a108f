namespace AccountingIntegration.Mapping.Tests;

/// <summary>The seed's own test table (refactor plan, Tests/UnitTests/test_transform_service.py), with SPEC's fixes.</summary>
public sealed class SeedExampleTests
{
    [Theory]
    [InlineData("\"hello\"", "toUpperCase", "\"HELLO\"")]
    [InlineData("\"  test  \"", "trim", "\"test\"")]
    [InlineData("\"abc\"", "concat:prefix-::-suffix", "\"prefix-abc-suffix\"")]
    [InlineData("10", "multiply:2.5", "25.0")]
    public void Run_SeedExample_GivesSeedResult(string input, string transformation, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Fact]
    public void Run_MultiplyCentsByOneHundredth_IsExactDecimal() =>
        Assert.Equal("19.99", Pipelines.Run("multiply:0.01", "1999"));
}
