using System.Text.Json;

namespace AccountingIntegration.Mapping.Tests;

/// <summary>Runs a transformation on one JSON value and renders the result so Theory rows can state it as text.</summary>
internal static class Pipelines
{
    public const string Missing = "(missing)";

    // inputJson is a JSON literal ("abc", 1999, null) or Missing.
    public static string Run(string transformation, string inputJson, string rootJson = "{}")
    {
        var (value, context) = Input(inputJson, rootJson);
        var pipeline = PipelineCache.GetOrCompile(transformation);
        return pipeline.TryRun(value, context, out var result, out var failure)
            ? Render(result)
            : throw new InvalidOperationException(failure);
    }

    /// <summary>Runs a pipeline expected to fail and returns the failure message.</summary>
    public static string Fail(string transformation, string inputJson)
    {
        var (value, context) = Input(inputJson, "{}");
        var pipeline = PipelineCache.GetOrCompile(transformation);
        Assert.False(pipeline.TryRun(value, context, out var result, out var failure), $"expected a failure, got {Render(result)}");
        return failure!;
    }

    public static string CompileError(string transformation) =>
        Assert.Throws<TransformationSyntaxException>(() => PipelineCache.GetOrCompile(transformation)).Message;

    /// <summary>Strings in plain quotes (no escaping), numbers with their scale, booleans, null; "(missing)" for missing.</summary>
    public static string Render(MappingValue value) => value.Kind switch
    {
        ValueKind.Missing => Missing,
        ValueKind.Null => "null",
        ValueKind.String => "\"" + value.String + "\"",
        _ => value.ToText()!,
    };

    private static (MappingValue Value, StepContext Context) Input(string inputJson, string rootJson)
    {
        var root = JsonDocument.Parse(rootJson).RootElement.Clone();
        if (inputJson == Missing)
        {
            return (MappingValue.Missing, new StepContext(root, root));
        }

        var holder = JsonDocument.Parse($"{{\"v\":{inputJson}}}").RootElement.Clone();
        return (MappingValue.FromJson(holder.GetProperty("v")), new StepContext(root, root));
    }
}
