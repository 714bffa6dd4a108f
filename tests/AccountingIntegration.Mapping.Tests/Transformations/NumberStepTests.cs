namespace AccountingIntegration.Mapping.Tests;

public sealed class NumberStepTests
{
    [Theory]
    [InlineData("toNumber", "\"199.00\"", "199.00")]
    [InlineData("toNumber", "\" 42 \"", "42")]
    [InlineData("toNumber", "\"-10.00\"", "-10.00")]
    [InlineData("toNumber", "\"1e3\"", "1000")]
    [InlineData("toNumber", "0", "0")]
    [InlineData("toNumber", "\"0\"", "0")]
    [InlineData("toNumber", "\"\"", "null")]
    [InlineData("toNumber", "null", "null")]
    [InlineData("toNumber", Pipelines.Missing, Pipelines.Missing)]
    [InlineData("toNumber", "\"820982911946154508\"", "820982911946154508")]
    [InlineData("toNumber", "79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("toNumber", "0.1", "0.1")]
    [InlineData("toInteger", "\"0042\"", "42")]
    [InlineData("toInteger", "3.99", "3")]
    [InlineData("toInteger", "-3.99", "-3")]
    [InlineData("toInteger", "\"866550311766439020\"", "866550311766439020")]
    [InlineData("abs", "\"-10.00\"", "10.00")]
    [InlineData("abs", "5", "5")]
    [InlineData("negate", "\"9.00\"", "-9.00")]
    [InlineData("negate", "-1", "1")]
    [InlineData("negate", "0", "0")]
    public void Run_Conversion_GivesExactDecimal(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Theory]
    [InlineData("multiply:0.01", "1999", "19.99")]
    [InlineData("multiply:0.01", "\"1999\"", "19.99")]
    [InlineData("multiply:2.5", "10", "25.0")]
    [InlineData("multiply:3", "0.1", "0.3")]
    [InlineData("multiply:-1", "\"12.50\"", "-12.50")]
    [InlineData("multiply:100", "820982911946154508", "82098291194615450800")]
    [InlineData("divide:100", "2000", "20")]
    [InlineData("divide:3", "1", "0.3333333333333333333333333333")]
    [InlineData("divide:4", "\"-1\"", "-0.25")]
    [InlineData("round:2", "1861.075", "1861.08")]
    [InlineData("round:2", "-1861.075", "-1861.08")]
    [InlineData("round:2", "0.125", "0.13")]
    [InlineData("round:2", "0.135", "0.14")]
    [InlineData("round:0", "2.5", "3")]
    [InlineData("round:0", "-2.5", "-3")]
    [InlineData("round:2", "\"3.14159\"", "3.14")]
    [InlineData("fromCents", "2000", "20.00")]
    [InlineData("fromCents", "1999", "19.99")]
    [InlineData("fromCents", "\"65215\"", "652.15")]
    [InlineData("fromCents", "-1050", "-10.50")]
    [InlineData("fromCents", "0", "0.00")]
    [InlineData("fromCents", "\"2000.5\"", "20.005")]
    [InlineData("fromCents:0", "5000", "5000")]
    [InlineData("fromCents:3", "12345", "12.345")]
    [InlineData("fromCents", "null", "null")]
    [InlineData("fromCents", "\"\"", "null")]
    [InlineData("multiply:2", Pipelines.Missing, Pipelines.Missing)]
    public void Run_Arithmetic_IsDecimalNotDouble(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Theory]
    [InlineData("toNumber", "\"abc\"", "not a number")]
    [InlineData("toNumber", "\"1,000\"", "not a number")]
    [InlineData("toNumber", "true", "not a number")]
    [InlineData("multiply:2", "\"12 apples\"", "not a number")]
    [InlineData("fromCents", "false", "not a number")]
    [InlineData("multiply:79228162514264337593543950335", "10", "out of range")]
    public void Run_NonNumericInput_FailsNamingStepAndValue(string transformation, string input, string reason)
    {
        var failure = Pipelines.Fail(transformation, input);
        Assert.Contains($"step '{transformation.Split(':')[0]}'", failure, StringComparison.Ordinal);
        Assert.Contains(reason, failure, StringComparison.Ordinal);
        Assert.Contains(input == "true" || input == "false" ? input : input.Trim('"'), failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e3", "1000")]
    [InlineData("1E-2", "0.01")]
    [InlineData("0.10", "0.10")]
    [InlineData("-0", "0")]
    public void Run_JsonNumberForms_ReadAsDecimal(string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run("toNumber", input));

    [Theory]
    [InlineData("1e400")]
    [InlineData("123456789012345678901234567890")]
    public void Run_JsonNumberBeyondDecimal_KeepsDigitsAsText(string input)
    {
        Assert.Equal($"\"{input}\"", Pipelines.Run("toString", input));
        Assert.Contains("not a number", Pipelines.Fail("toNumber", input), StringComparison.Ordinal);
    }
}
