using System.Collections.Concurrent;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Compiles each distinct transformation text once. Saved layers hold a small set of texts, so a bounded
/// dictionary is enough; beyond the bound compilation still works, it just is not kept.
/// </summary>
internal static class PipelineCache
{
    private const int CacheLimit = 10_000;
    private static readonly ConcurrentDictionary<string, CompiledPipeline> Cache = new(StringComparer.Ordinal);

    /// <exception cref="TransformationSyntaxException">The text is not a valid transformation.</exception>
    public static CompiledPipeline GetOrCompile(string text)
    {
        if (Cache.TryGetValue(text, out var cached))
        {
            return cached;
        }

        var compiled = Compile(text);
        if (Cache.Count < CacheLimit)
        {
            Cache.TryAdd(text, compiled);
        }

        return compiled;
    }

    private static CompiledPipeline Compile(string text)
    {
        var parsed = TransformationParser.Parse(text);
        var steps = new List<ITransformationStep>(parsed.Count);
        string? resolveEntity = null;
        foreach (var step in parsed)
        {
            if (resolveEntity is not null)
            {
                throw new TransformationSyntaxException($"step {step.Position} '{step.Name}': 'resolve' must be the last step");
            }

            if (ResolveStep.Matches(step))
            {
                resolveEntity = ResolveStep.ReadEntity(step);
            }
            else
            {
                steps.Add(StepCatalog.Create(step));
            }
        }
        return new CompiledPipeline(text, [.. steps], resolveEntity);
    }
}
