namespace AccountingIntegration.Mapping;

/// <summary>
/// <c>resolve:Customer</c> / <c>resolve:Item</c> does not change the value: it marks the field so the draft
/// records a <see cref="ResolverRequest"/> and the sync stage turns the name or e-mail into a QBO id.
/// It must be the last step, so the recorded value is the final one.
/// </summary>
internal static class ResolveStep
{
    public const string Name = "resolve";
    public const string Customer = "Customer";
    public const string Item = "Item";

    public static bool Matches(ParsedStep step) => string.Equals(step.Name, Name, StringComparison.OrdinalIgnoreCase);

    public static string ReadEntity(ParsedStep step)
    {
        StepArguments.RequireCount(step, 1, 1);
        return step.Arguments[0] switch
        {
            Customer => Customer,
            Item => Item,
            var other => throw StepArguments.Bad(step, other, "must be Customer or Item"),
        };
    }

    /// <summary>The QBO field each entity may resolve: its reference's value.</summary>
    public static string TargetPattern(string entity) => entity == Customer
        ? "CustomerRef.value"
        : "Line[].SalesItemLineDetail.ItemRef.value";
}
