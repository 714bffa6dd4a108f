namespace AccountingIntegration.Mapping;

/// <summary>
/// Arithmetic on <see cref="decimal"/>, never binary floating point, so <c>multiply:0.01</c> of 1999 is exactly
/// 19.99. Input is a JSON number or a numeric string ("199.00", Paddle's "65215"); empty text counts as no value.
/// </summary>
internal sealed class NumberStep(string name, Func<decimal, decimal> operation) : ValueStep(name)
{
    public static NumberStep ToNumber { get; } = new("toNumber", number => number);

    /// <summary>Drops the fraction toward zero: an id or a count, not money (use round for money).</summary>
    public static NumberStep ToInteger { get; } = new("toInteger", decimal.Truncate);

    public static NumberStep Abs { get; } = new("abs", Math.Abs);

    public static NumberStep Negate { get; } = new("negate", number => -number);

    public static NumberStep Multiply(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, 1);
        var factor = StepArguments.Decimal(step, 0);
        return new NumberStep("multiply", number => number * factor);
    }

    public static NumberStep Divide(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, 1);
        var divisor = StepArguments.Decimal(step, 0);
        if (divisor == 0m)
        {
            throw StepArguments.Bad(step, step.Arguments[0], "must not be zero");
        }

        return new NumberStep("divide", number => number / divisor);
    }

    /// <summary>Half away from zero, which is what QBO's own rounding of Qty × UnitPrice does (1861.075 → 1861.08).</summary>
    public static NumberStep Round(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, 1);
        var digits = StepArguments.Integer(step, 0, 0, 28);
        return new NumberStep("round", number => Math.Round(number, digits, MidpointRounding.AwayFromZero));
    }

    /// <summary>Minor units to an amount: 2000 cents → 20.00; <c>fromCents:0</c> for JPY, <c>fromCents:3</c> for KWD.</summary>
    public static NumberStep FromCents(ParsedStep step)
    {
        StepArguments.RequireCount(step, 0, 1);
        var digits = step.Arguments.Count == 0 ? 2 : StepArguments.Integer(step, 0, 0, 8);
        // Multiplying by 0.01 rather than dividing by 100 keeps the minor-unit scale: 2000 × 0.01 = 20.00, 2000 / 100 = 20.
        var scale = new decimal(1, 0, 0, false, (byte)digits);
        return new NumberStep("fromCents", number => number * scale);
    }

    protected override MappingValue Transform(MappingValue input, in StepContext context)
    {
        if (input.Kind == ValueKind.String && string.IsNullOrWhiteSpace(input.String))
        {
            return MappingValue.Null;
        }

        if (!DecimalText.TryGetNumber(input, out var number))
        {
            throw new StepFailedException("not a number");
        }

        return MappingValue.FromNumber(operation(number));
    }
}
