namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>toString</c>: numbers in invariant culture with their scale ("199.00" stays "199.00", an 18-digit id keeps
/// every digit), booleans as true/false, objects and arrays as their JSON text. Null stays null.
/// </summary>
internal sealed class ToStringStep() : ValueStep("toString")
{
    public static ToStringStep Instance { get; } = new();

    protected override MappingValue Transform(MappingValue input, in StepContext context) =>
        input.Kind == ValueKind.String ? input : MappingValue.FromString(input.ToText()!);
}
