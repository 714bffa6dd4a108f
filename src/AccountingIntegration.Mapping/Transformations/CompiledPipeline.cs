namespace AccountingIntegration.Mapping;

/// <summary>
/// A compiled transformation. A trailing <c>resolve:Entity</c> is not a step: it is kept as
/// <see cref="ResolveEntity"/> so the draft builder can record the final value for the sync stage.
/// </summary>
internal sealed class CompiledPipeline(string text, ITransformationStep[] steps, string? resolveEntity)
{
    public static CompiledPipeline Empty { get; } = new(string.Empty, [], null);

    public string Text { get; } = text;

    public string? ResolveEntity { get; } = resolveEntity;

    /// <summary>The payload paths the steps read besides the field's source (<c>coalesce</c>'s alternatives).</summary>
    public IEnumerable<SourcePath> PathsRead => steps.OfType<CoalesceStep>().SelectMany(step => step.Alternatives);

    public bool TryRun(MappingValue input, in StepContext context, out MappingValue result, out string? failure)
    {
        var value = input;
        foreach (var step in steps)
        {
            try
            {
                value = step.Apply(value, context);
            }
            catch (StepFailedException ex)
            {
                failure = $"step '{step.Name}' failed on {value.Describe()}: {ex.Message}";
                result = MappingValue.Missing;
                return false;
            }
            catch (OverflowException)
            {
                failure = $"step '{step.Name}' failed on {value.Describe()}: the result is out of range";
                result = MappingValue.Missing;
                return false;
            }
        }
        failure = null;
        result = value;
        return true;
    }
}
