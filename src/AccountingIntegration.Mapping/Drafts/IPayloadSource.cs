namespace AccountingIntegration.Mapping;

/// <summary>
/// Where a draft's rules read the payload: a parsed document (<see cref="DocumentSource"/>) or the values one pass over
/// its UTF-8 text collected (<see cref="CollectedSource"/>). Everything after the read — steps, conversion, the tree,
/// the invoice rules — is the same code for both.
/// </summary>
internal interface IPayloadSource
{
    /// <summary>The context of header fields' steps.</summary>
    StepContext HeaderContext { get; }

    /// <summary>The value of the source of <see cref="CompiledMapping.HeaderFields"/>[<paramref name="field"/>].</summary>
    MappingValue ReadHeader(int field);

    /// <summary>How many lines the payload has, reporting a <c>Line</c> source that gives none or is not an array.</summary>
    int SelectLines(DraftState state);

    /// <summary>Moves to line <paramref name="index"/> and returns the context of its fields' steps.</summary>
    StepContext EnterLine(int index);

    /// <summary>The value of the source of <see cref="CompiledMapping.LineFields"/>[<paramref name="field"/>] in the current line.</summary>
    MappingValue ReadLine(int field);
}
