namespace AccountingIntegration.Mapping.Tests;

/// <summary>Every step leaves "no value" alone except the ones that exist to replace it.</summary>
public sealed class NullPropagationTests
{
    // One usable form of each step; the catalog test below makes sure none is forgotten.
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["abs"] = "abs",
        ["coalesce"] = "coalesce:nowhere",
        ["concat"] = "concat:a:b",
        ["default"] = "default:x",
        ["divide"] = "divide:2",
        ["formatDate"] = "formatDate",
        ["fromCents"] = "fromCents",
        ["htmlDecode"] = "htmlDecode",
        ["inTimeZone"] = "inTimeZone:Europe/Berlin",
        ["map"] = "map:a=b,*=c",
        ["multiply"] = "multiply:2",
        ["negate"] = "negate",
        ["replace"] = "replace:a:b",
        ["resolve"] = "resolve:Customer",
        ["round"] = "round:2",
        ["split"] = "split:,:0",
        ["substring"] = "substring:0:2",
        ["toInteger"] = "toInteger",
        ["toLowerCase"] = "toLowerCase",
        ["toNumber"] = "toNumber",
        ["toString"] = "toString",
        ["toUpperCase"] = "toUpperCase",
        ["trim"] = "trim",
        ["truncate"] = "truncate:3",
    };

    public static TheoryData<string> PassThroughSteps =>
        [.. Samples.Where(sample => sample.Key is not ("default" or "coalesce")).Select(sample => sample.Value)];

    [Fact]
    public void Samples_CoverEveryCatalogStep() =>
        Assert.Equal(StepCatalog.Names.Order(StringComparer.Ordinal), Samples.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(PassThroughSteps))]
    public void Run_NullInput_StaysNull(string transformation) =>
        Assert.Equal("null", Pipelines.Run(transformation, "null"));

    [Theory]
    [MemberData(nameof(PassThroughSteps))]
    public void Run_MissingInput_StaysMissing(string transformation) =>
        Assert.Equal(Pipelines.Missing, Pipelines.Run(transformation, Pipelines.Missing));
}
