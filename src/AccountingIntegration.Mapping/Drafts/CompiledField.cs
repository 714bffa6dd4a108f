namespace AccountingIntegration.Mapping;

/// <summary>A field mapping with its paths and pipeline parsed, ready to run against any number of payloads.</summary>
internal sealed record CompiledField(
    string QboField,
    QboPath Target,
    SourcePath? Source,
    CompiledPipeline Pipeline,
    bool Required,
    MappingValue? Default)
{
    /// <summary>The labels of a line field that names its line in resolver requests; null for other fields, which build theirs on error only.</summary>
    public LineLabels? Labels { get; } = Target.IsLineField && Pipeline.ResolveEntity is not null ? new LineLabels(Target) : null;

    /// <summary>Where the first step of <see cref="Source"/> is found in the draft's <see cref="PropertyIndex"/> values; -1 when it is looked up directly.</summary>
    public int Slot { get; init; } = -1;

    /// <summary>True when <see cref="Slot"/> is in the line element's index, false when in the payload root's.</summary>
    public bool SlotOnLine { get; init; }
}

/// <summary>A static value already converted to the target field's JSON type.</summary>
internal sealed record CompiledStatic(QboPath Target, MappingValue Value);

/// <summary>The <c>Line</c> mapping: the payload array whose elements become invoice lines.</summary>
internal sealed record CompiledLineSource(SourcePath Source, bool Required);
