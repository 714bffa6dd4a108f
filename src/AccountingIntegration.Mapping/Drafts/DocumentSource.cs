using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>The payload as a parsed document: paths are read from its elements, through the mapping's property indexes.</summary>
internal struct DocumentSource(CompiledMapping compiled, DraftState state) : IPayloadSource
{
    private JsonElement _line;

    public readonly StepContext HeaderContext => new(state.Root, state.Root);

    public readonly MappingValue ReadHeader(int field) => state.Read(compiled.HeaderFields[field], state.Root);

    public readonly int SelectLines(DraftState draft)
    {
        var elements = draft.Tree.LineElements;
        if (compiled.LineSource is { } source)
        {
            if (!source.Source.TrySelectAll(draft.Root, draft.Root, elements, out var problem))
            {
                draft.Error(QboInvoiceSchema.LineField, MappingErrorCodes.InvalidPath, $"Line: {problem}");
            }
            else if (elements.Count == 0 && source.Required)
            {
                InvoiceDraftBuilder.ReportNoLines(source, draft);
            }
        }
        else if (compiled.HasLineRules)
        {
            // No array to iterate: a single-amount payload (a charge) becomes one line read from the root.
            elements.Add(draft.Root);
        }

        return elements.Count;
    }

    public StepContext EnterLine(int index)
    {
        _line = state.Tree.LineElements[index];
        state.LineValues = state.Tree.IndexLine(compiled.LineIndex, _line);
        return new StepContext(state.Root, _line);
    }

    public readonly MappingValue ReadLine(int field) => state.Read(compiled.LineFields[field], _line);
}
