using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Builds a QBO invoice draft from one payload and the effective mapping, then checks it against QBO's rules.
/// Never throws for payload problems: every problem is returned, each naming its field.
/// </summary>
public static class InvoiceDraftBuilder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static InvoiceDraftResult Build(JsonElement payload, MergedMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var compiled = mapping.Compiled;
        var tree = DraftTree.Rent();
        var state = new DraftState(payload, tree) { RootValues = tree.IndexRoot(compiled.RootIndex, payload) };
        var source = new DocumentSource(compiled, state);
        try
        {
            return Build(ref source, compiled, state);
        }
        finally
        {
            tree.Return();
        }
    }

    /// <summary>
    /// The same draft from the payload's UTF-8 text, read in one pass without a <see cref="JsonDocument"/> when the
    /// mapping's paths allow it (plain property names), and from the parsed document otherwise. Invalid JSON throws
    /// <see cref="JsonException"/>, as parsing it would.
    /// </summary>
    public static InvoiceDraftResult Build(ReadOnlyMemory<byte> utf8Json, MergedMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var compiled = mapping.Compiled;
        if (compiled.ReadPlan is { } plan)
        {
            var values = CollectedValues.Rent(plan, utf8Json);
            try
            {
                if (OnePassReader.TryRead(utf8Json.Span, plan, values))
                {
                    var tree = DraftTree.Rent();
                    var source = new CollectedSource(compiled, plan, values);
                    try
                    {
                        return Build(ref source, compiled, new DraftState(default, tree));
                    }
                    finally
                    {
                        tree.Return();
                    }
                }
            }
            finally
            {
                values.Return();
            }
        }

        using var document = JsonDocument.Parse(utf8Json);
        return Build(document.RootElement, mapping);
    }

    /// <summary>
    /// The draft from the payload as stored (text): transcoded into a pooled UTF-8 buffer, as parsing text does, then as
    /// <see cref="Build(ReadOnlyMemory{byte}, MergedMapping)"/>. Text that cannot be UTF-8 (a lone surrogate) is left to the
    /// document's parser, which rejects it in its own words.
    /// </summary>
    public static InvoiceDraftResult Build(string json, MergedMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(json);
        var buffer = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(json.Length));
        try
        {
            int length;
            try
            {
                length = StrictUtf8.GetBytes(json, buffer);
            }
            catch (EncoderFallbackException)
            {
                using var document = JsonDocument.Parse(json);
                return Build(document.RootElement, mapping);
            }

            return Build(buffer.AsMemory(0, length), mapping);
        }
        finally
        {
            // The draft keeps no reference into the buffer: every value it holds was decoded into a string or number.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static InvoiceDraftResult Build<TSource>(ref TSource source, CompiledMapping compiled, DraftState state)
        where TSource : struct, IPayloadSource
    {
        state.Errors.AddRange(compiled.Errors);
        var pending = state.Tree.NewObject();
        var context = source.HeaderContext;
        for (var i = 0; i < compiled.HeaderFields.Length; i++)
        {
            FieldEvaluator.Apply(compiled.HeaderFields[i], state, source.ReadHeader(i), context, line: null, pending);
        }

        foreach (var rule in compiled.HeaderStatics)
        {
            FieldEvaluator.Apply(rule, state, line: null, pending);
        }

        if (BuildLines(ref source, compiled, state) is { } lines)
        {
            pending.Set(QboInvoiceSchema.LineField, leaf: null, lines);
        }

        // Checked while pending: the same rules and values, read without the JsonObjects' dictionaries.
        var violations = InvoiceValidator.Validate(pending);
        var invoice = (JsonObject)state.Tree.Materialize(pending);

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
    private static PendingNode? BuildLines<TSource>(ref TSource source, CompiledMapping compiled, DraftState state)
        where TSource : struct, IPayloadSource
    {
        var count = source.SelectLines(state);
        if (count == 0)
        {
            return null;
        }

        var lines = state.Tree.NewArray();
        for (var index = 0; index < count; index++)
        {
            var line = state.Tree.NewObject();
            var context = source.EnterLine(index);
            for (var i = 0; i < compiled.LineFields.Length; i++)
            {
                FieldEvaluator.Apply(compiled.LineFields[i], state, source.ReadLine(i), context, index, line);
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

    /// <summary>The error of a required <c>Line</c> source that gave no elements.</summary>
    internal static void ReportNoLines(CompiledLineSource source, DraftState state) =>
        state.Error(QboInvoiceSchema.LineField, MappingErrorCodes.RequiredFieldMissing, $"Line is required but '{source.Source.Text}' has no elements");
}
