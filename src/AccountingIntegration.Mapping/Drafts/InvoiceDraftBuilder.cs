using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Builds a QBO invoice draft from one payload and the effective mapping, then checks it against QBO's rules.
/// Never throws for payload problems: every problem is returned, each naming its field.
/// </summary>
public static class InvoiceDraftBuilder
{
    public static InvoiceDraftResult Build(JsonElement payload, MergedMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var compiled = mapping.Compiled;
        var tree = DraftTree.Rent();
        var state = new DraftState(payload, tree) { RootValues = tree.IndexRoot(compiled.RootIndex, payload) };
        state.Errors.AddRange(compiled.Errors);
        JsonObject invoice;
        List<MappingError> violations;
        try
        {
            var pending = tree.NewObject();
            foreach (var field in compiled.HeaderFields)
            {
                FieldEvaluator.Apply(field, state, payload, line: null, pending);
            }

            foreach (var rule in compiled.HeaderStatics)
            {
                FieldEvaluator.Apply(rule, state, line: null, pending);
            }

            if (BuildLines(compiled, state) is { } lines)
            {
                pending.Set(QboInvoiceSchema.LineField, leaf: null, lines);
            }

            // Checked while pending: the same rules and values, read without the JsonObjects' dictionaries.
            violations = InvoiceValidator.Validate(pending);
            invoice = (JsonObject)tree.Materialize(pending);
        }
        finally
        {
            tree.Return();
        }

        // A field the mapping already failed on would only repeat itself as a QBO rule violation.
        if (state.Errors.Count == 0)
        {
            state.Errors.AddRange(violations);
        }
        else if (violations.Count > 0)
        {
            var reported = state.Errors.Select(error => error.Field).ToHashSet(StringComparer.Ordinal);
            state.Errors.AddRange(violations.Where(error => !reported.Contains(error.Field)));
        }
        return new InvoiceDraftResult(invoice, state.Errors, state.Resolvers);
    }

    /// <summary>
    /// Only the header: the mapping's header field mappings and static values whose top-level field
    /// <paramref name="include"/> accepts, without lines and without the invoice rules (the caller's document
    /// owns the rest). For vendor events, whose lines, customer, tax and currency the books feature builds, so a
    /// layer can still set ClassRef, DepartmentRef, SalesTermRef, a memo or custom fields on the sale.
    /// </summary>
    public static InvoiceDraftResult BuildHeader(JsonElement payload, MergedMapping mapping, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(include);
        var compiled = mapping.Compiled;
        var tree = DraftTree.Rent();
        var state = new DraftState(payload, tree) { RootValues = tree.IndexRoot(compiled.RootIndex, payload) };
        JsonObject header;
        try
        {
            var pending = tree.NewObject();
            foreach (var field in compiled.HeaderFields.Where(f => include(f.Target.Segments[0].Name)))
            {
                FieldEvaluator.Apply(field, state, payload, line: null, pending);
            }

            foreach (var rule in compiled.HeaderStatics.Where(r => include(r.Target.Segments[0].Name)))
            {
                FieldEvaluator.Apply(rule, state, line: null, pending);
            }

            header = (JsonObject)tree.Materialize(pending);
        }
        finally
        {
            tree.Return();
        }

        // Problems of fields left out (a broken Line rule of an old template) are not the header's.
        state.Errors.AddRange(compiled.Errors.Where(e => include(e.Field.Split('.', '[')[0])));
        return new InvoiceDraftResult(header, state.Errors, state.Resolvers);
    }

    /// <summary>The invoice's lines, each completed, as a pending array; null when there are none.</summary>
    private static PendingNode? BuildLines(CompiledMapping compiled, DraftState state)
    {
        var elements = state.Tree.LineElements;
        if (compiled.LineSource is { } source)
        {
            if (!source.Source.TrySelectAll(state.Root, state.Root, elements, out var problem))
            {
                state.Error(QboInvoiceSchema.LineField, MappingErrorCodes.InvalidPath, $"Line: {problem}");
            }
            else if (elements.Count == 0 && source.Required)
            {
                state.Error(QboInvoiceSchema.LineField, MappingErrorCodes.RequiredFieldMissing, $"Line is required but '{source.Source.Text}' has no elements");
            }
        }
        else if (compiled.HasLineRules)
        {
            // No array to iterate: a single-amount payload (a charge) becomes one line read from the root.
            elements.Add(state.Root);
        }

        if (elements.Count == 0)
        {
            return null;
        }

        var lines = state.Tree.NewArray();
        for (var index = 0; index < elements.Count; index++)
        {
            var line = state.Tree.NewObject();
            state.LineValues = state.Tree.IndexLine(compiled.LineIndex, elements[index]);
            foreach (var field in compiled.LineFields)
            {
                FieldEvaluator.Apply(field, state, elements[index], index, line);
            }

            foreach (var rule in compiled.LineStatics)
            {
                FieldEvaluator.Apply(rule, state, index, line);
            }

            LineCompletion.Complete(line, index, state);
            lines[lines.Append()] = new PendingNode.Slot(null, null, line);
        }
        return lines;
    }
}
