namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>coalesce:path[:path…]</c>: when the value is null, missing or empty, reads the other payload paths in
/// order and takes the first that has a value. Paths follow the same rules as <c>sourceField</c> (relative to the
/// line inside a line, <c>$.</c> for the root). Stripe's <c>customer_email</c> is often null; this falls back
/// to the name, then the customer id.
/// </summary>
internal sealed class CoalesceStep(SourcePath[] alternatives) : ITransformationStep
{
    public string Name => "coalesce";

    public IReadOnlyList<SourcePath> Alternatives => alternatives;

    public static CoalesceStep Create(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, int.MaxValue);
        var paths = new SourcePath[step.Arguments.Count];
        for (var i = 0; i < paths.Length; i++)
        {
            try
            {
                paths[i] = SourcePathParser.Parse(step.Arguments[i]);
            }
            catch (PathSyntaxException ex)
            {
                throw StepArguments.Bad(step, step.Arguments[i], $"is not a payload path: {ex.Message}");
            }
            if (paths[i].HasWildcard)
            {
                throw StepArguments.Bad(step, step.Arguments[i], "must not use [*]");
            }
        }
        return new CoalesceStep(paths);
    }

    public MappingValue Apply(MappingValue input, in StepContext context)
    {
        if (!input.IsEmpty)
        {
            return input;
        }

        foreach (var path in alternatives)
        {
            var candidate = context.Read(path);
            if (!candidate.IsEmpty)
            {
                return candidate;
            }
        }
        return input;
    }
}
