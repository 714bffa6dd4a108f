namespace AccountingIntegration.Mapping.Tests;

public sealed class TextStepTests
{
    [Theory]
    [InlineData("toString", "\"abc\"", "\"abc\"")]
    [InlineData("toString", "1999", "\"1999\"")]
    [InlineData("toString", "199.00", "\"199.00\"")]
    [InlineData("toString", "820982911946154508", "\"820982911946154508\"")]
    [InlineData("toString", "-0.5", "\"-0.5\"")]
    [InlineData("toString", "true", "\"true\"")]
    [InlineData("toString", "false", "\"false\"")]
    [InlineData("toString", "0", "\"0\"")]
    [InlineData("toString", "{\"a\":1}", "\"{\"a\":1}\"")]
    [InlineData("toString", "null", "null")]
    [InlineData("toString", Pipelines.Missing, Pipelines.Missing)]
    // Simple (one-to-one) case mapping: ß has no single upper-case letter and stays.
    [InlineData("toUpperCase", "\"joão ß\"", "\"JOÃO ß\"")]
    [InlineData("toUpperCase", "\"\"", "\"\"")]
    [InlineData("toUpperCase", "null", "null")]
    [InlineData("toLowerCase", "\"ÀBC\"", "\"àbc\"")]
    [InlineData("toLowerCase", "12", "\"12\"")]
    [InlineData("trim", "\"\\t a b \\n\"", "\"a b\"")]
    [InlineData("trim", "\"\"", "\"\"")]
    [InlineData("trim", Pipelines.Missing, Pipelines.Missing)]
    [InlineData("htmlDecode", "\"Ship Your Idea &ndash; Color: Black\"", "\"Ship Your Idea – Color: Black\"")]
    [InlineData("htmlDecode", "\"Woo Album #2 &times; 1\"", "\"Woo Album #2 × 1\"")]
    [InlineData("htmlDecode", "\"A &amp; B &#39;C&#39;\"", "\"A & B 'C'\"")]
    [InlineData("htmlDecode", "\"plain\"", "\"plain\"")]
    [InlineData("htmlDecode", "null", "null")]
    public void Run_SimpleTextStep_GivesExpected(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Theory]
    [InlineData("substring:0:3", "\"abcdef\"", "\"abc\"")]
    [InlineData("substring:2", "\"abcdef\"", "\"cdef\"")]
    [InlineData("substring:-2", "\"abcdef\"", "\"ef\"")]
    [InlineData("substring:1:-1", "\"abcdef\"", "\"bcde\"")]
    [InlineData("substring:4:2", "\"abcdef\"", "\"\"")]
    [InlineData("substring:0:100", "\"abc\"", "\"abc\"")]
    [InlineData("substring:10", "\"abc\"", "\"\"")]
    [InlineData("substring:0:2", "\"👍🏽ok\"", "\"👍🏽o\"")]
    [InlineData("substring:0:1", "\"e\u0301x\"", "\"e\u0301\"")]
    [InlineData("substring:0:2", "12345", "\"12\"")]
    [InlineData("substring:0:2", "null", "null")]
    [InlineData("truncate:21", "\"abc\"", "\"abc\"")]
    [InlineData("truncate:3", "\"abcdef\"", "\"abc\"")]
    [InlineData("truncate:0", "\"abc\"", "\"\"")]
    [InlineData("truncate:2", "\"😀😀😀\"", "\"😀\"")]
    [InlineData("truncate:3", "\"😀😀😀\"", "\"😀\"")]
    [InlineData("truncate:4", "\"😀😀😀\"", "\"😀😀\"")]
    [InlineData("truncate:1", "\"😀\"", "\"\"")]
    [InlineData("truncate:2", "\"e\u0301x\"", "\"e\u0301\"")]
    [InlineData("truncate:1", "\"e\u0301x\"", "\"\"")]
    [InlineData("truncate:4", "\"João Silva\"", "\"João\"")]
    [InlineData("truncate:3", "12345", "\"123\"")]
    [InlineData("truncate:3", "\"\"", "\"\"")]
    public void Run_SubstringAndTruncate_NeverSplitACharacter(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Theory]
    [InlineData("replace:-:", "\"a-b-c\"", "\"abc\"")]
    [InlineData("replace:-", "\"a-b-c\"", "\"abc\"")]
    [InlineData("replace:#:No. ", "\"#1001\"", "\"No. 1001\"")]
    [InlineData("replace:x:y", "\"AXA\"", "\"AXA\"")]
    [InlineData("replace:0:9", "1000", "\"1999\"")]
    [InlineData("replace:a:b", "null", "null")]
    [InlineData("split:-:0", "\"EE1DF78D-0001\"", "\"EE1DF78D\"")]
    [InlineData("split:-:1", "\"EE1DF78D-0001\"", "\"0001\"")]
    [InlineData("split:-:-1", "\"a-b-c\"", "\"c\"")]
    [InlineData("split:-:5", "\"a-b\"", "null")]
    [InlineData("split:-:5|default:none", "\"a-b\"", "\"none\"")]
    [InlineData("split: :1", "\"John Smith\"", "\"Smith\"")]
    [InlineData("split:,:0", "null", "null")]
    public void Run_ReplaceAndSplit_GivesExpected(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Theory]
    [InlineData("concat:INV-", "\"1001\"", "\"INV-1001\"")]
    [InlineData("concat:INV-:", "\"1001\"", "\"INV-1001\"")]
    [InlineData("concat::-X", "\"1001\"", "\"1001-X\"")]
    [InlineData("concat:<:>", "\"a\"", "\"<a>\"")]
    [InlineData("concat:prefix-::-suffix", "\"abc\"", "\"prefix-abc-suffix\"")]
    [InlineData("concat:a:b::c", "\"X\"", "\"a:bXc\"")]
    [InlineData("concat:a::", "\"X\"", "\"aX\"")]
    [InlineData("concat:a:b:c", "\"X\"", "\"aXb:c\"")]
    [InlineData("concat:#", "1001", "\"#1001\"")]
    [InlineData("concat:#", "820982911946154508", "\"#820982911946154508\"")]
    [InlineData("concat:x:y", "null", "null")]
    [InlineData("concat:x:y", Pipelines.Missing, Pipelines.Missing)]
    [InlineData("concat:x:y", "\"\"", "\"xy\"")]
    public void Run_Concat_SplitsPrefixAndSuffix(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Theory]
    [InlineData("toUpperCase")]
    [InlineData("trim")]
    [InlineData("concat:a")]
    [InlineData("substring:0:1")]
    public void Run_TextStepOnObject_Fails(string transformation) =>
        Assert.Contains("expected text, got a JSON object", Pipelines.Fail(transformation, "{\"a\":1}"), StringComparison.Ordinal);
}
