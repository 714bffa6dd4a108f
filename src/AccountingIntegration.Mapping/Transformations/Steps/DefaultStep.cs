namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>default:VALUE</c>: replaces null, missing or the empty string — not 0 or false, which are values (the
/// seed's truthiness test replaced them). The whole argument text is the value, so <c>default:a:b</c> gives "a:b".
/// </summary>
internal sealed class DefaultStep(string fallback) : ITransformationStep
{
    public string Name => "default";

    public static DefaultStep Create(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, int.MaxValue);
        return new DefaultStep(step.JoinedArguments);
    }

    public MappingValue Apply(MappingValue input, in StepContext context) =>
        input.IsEmpty ? MappingValue.FromString(fallback) : input;
}
