namespace AccountingIntegration.Mapping.Tests;

public sealed class ParserTests
{
    [Theory]
    [InlineData("trim", "trim|")]
    [InlineData("trim|toUpperCase", "trim|toUpperCase|")]
    [InlineData("replace:a:b", "replace|a|b|")]
    [InlineData(@"replace:\::-", "replace|:|-|")]
    [InlineData(@"replace:\|:/", "replace|\\||/|")]
    [InlineData(@"concat:a\\b", "concat|a\\b|")]
    [InlineData(@"map:a\,b=c", @"map|a\,b=c|")]
    [InlineData(" trim | toLowerCase ", "trim|toLowerCase|")]
    [InlineData("concat::x", "concat||x|")]
    public void Parse_Text_SplitsStepsAndUnescapes(string text, string expected)
    {
        var rendered = string.Concat(TransformationParser.Parse(text)
            .Select(step => string.Concat(new[] { step.Name }.Concat(step.Arguments).Select(part => part.Replace("|", "\\|", StringComparison.Ordinal) + "|"))));
        Assert.Equal(expected, rendered);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("trim||toUpperCase")]
    [InlineData("|trim")]
    [InlineData("trim|")]
    [InlineData(":x")]
    public void Parse_MalformedPipeline_Throws(string text) =>
        Assert.Throws<TransformationSyntaxException>(() => TransformationParser.Parse(text));

    [Theory]
    [InlineData(@"replace:\|:/", "\"a|b\"", "\"a/b\"")]
    [InlineData(@"replace:\::.", "\"12:30\"", "\"12.30\"")]
    [InlineData(@"concat:\:\::!", "\"x\"", "\"::x!\"")]
    [InlineData(@"concat:a\:b:c", "\"x\"", "\"a:bxc\"")]
    public void Run_EscapedSeparators_AreLiteral(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Fact]
    public void GetOrCompile_SameText_ReturnsCachedPipeline() =>
        Assert.Same(PipelineCache.GetOrCompile("trim|toUpperCase"), PipelineCache.GetOrCompile("trim|toUpperCase"));

    [Theory]
    [InlineData("frobnicate", "'frobnicate' is not a known step")]
    [InlineData("trim:x", "'trim' takes 0 argument(s), got 1")]
    [InlineData("multiply:abc", "argument \"abc\" is not a number")]
    [InlineData("multiply", "'multiply' takes 1 argument(s), got 0")]
    [InlineData("divide:0", "argument \"0\" must not be zero")]
    [InlineData("round:-1", "argument \"-1\" must be between 0 and 28")]
    [InlineData("round:29", "argument \"29\" must be between 0 and 28")]
    [InlineData("round:1.5", "argument \"1.5\" is not an integer")]
    [InlineData("substring:x", "argument \"x\" is not an integer")]
    [InlineData("substring", "takes 1 to 2 argument(s), got 0")]
    [InlineData("split:,", "'split' takes 2 argument(s), got 1")]
    [InlineData("split::1", "argument \"\" must not be empty")]
    [InlineData("replace", "takes 1 to 2 argument(s)")]
    [InlineData("fromCents:9", "must be between 0 and 8")]
    [InlineData("formatDate:", "must not be empty")]
    [InlineData("map:a", "is not key=value")]
    [InlineData("map:a=1,a=2", "lists the key \"a\" twice")]
    [InlineData("map:*=1,*=2", "two '*' entries")]
    [InlineData("coalesce:a..b", "is not a payload path")]
    [InlineData("coalesce:items[*].x", "must not use [*]")]
    [InlineData("resolve:Vendor", "must be Customer or Item")]
    [InlineData("resolve:Customer|trim", "'resolve' must be the last step")]
    [InlineData("trim|multiply:x", "step 2 'multiply'")]
    public void GetOrCompile_BadStepOrArgument_NamesTheProblem(string transformation, string expectedFragment) =>
        Assert.Contains(expectedFragment, Pipelines.CompileError(transformation), StringComparison.Ordinal);

    [Theory]
    [InlineData("TOUPPERCASE")]
    [InlineData("ToUpperCase")]
    public void GetOrCompile_StepNameInOtherCase_IsAccepted(string transformation) =>
        Assert.Equal("\"ABC\"", Pipelines.Run(transformation, "\"abc\""));
}
