namespace AccountingIntegration.Mapping;

/// <summary>The payload as the values one pass of <see cref="OnePassReader"/> collected for the mapping's <see cref="ReadPlan"/>.</summary>
internal readonly struct CollectedSource(CompiledMapping compiled, ReadPlan plan, CollectedValues values) : IPayloadSource
{
    public StepContext HeaderContext => new(default, default, values);

    public MappingValue ReadHeader(int field) => values.At(plan.HeaderSources[field]);

    public int SelectLines(DraftState state)
    {
        // The reader gave up on a line source that is not an array, so here it is an array, null or missing.
        if (values.LineCount == 0 && compiled.LineSource is { Required: true } source)
        {
            InvoiceDraftBuilder.ReportNoLines(source, state);
        }

        return values.LineCount;
    }

    public StepContext EnterLine(int index)
    {
        values.CurrentLine = index;
        return new StepContext(default, default, values);
    }

    public MappingValue ReadLine(int field) => values.At(plan.LineSources[field]);
}
