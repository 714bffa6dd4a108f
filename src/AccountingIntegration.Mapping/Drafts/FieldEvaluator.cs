using System.Globalization;
using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>Runs one compiled rule against the current element and writes its result into the invoice or the line.</summary>
internal static class FieldEvaluator
{
    public static void Apply(CompiledField field, DraftState state, JsonElement current, int? line, PendingNode target) =>
        Apply(field, state, state.Read(field, current), new StepContext(state.Root, current), line, target);

    /// <summary>Runs <paramref name="field"/> on its source's value <paramref name="input"/>, however it was read.</summary>
    public static void Apply(CompiledField field, DraftState state, MappingValue input, in StepContext context, int? line, PendingNode target)
    {
        if (!field.Pipeline.TryRun(input, context, out var value, out var failure))
        {
            // The error names the field; its message says only what went wrong, as callers show them "field: message".
            state.Error(Label(field.Target, line), MappingErrorCodes.TransformationFailed, failure!);
            return;
        }

        if (value.IsEmpty && field.Default is { } fallback)
        {
            value = fallback;
        }

        if (value.IsEmpty)
        {
            if (field.Required)
            {
                var label = Label(field.Target, line);
                var from = field.Source is null ? "its rule" : $"'{field.Source.Text}'";
                state.Error(label, MappingErrorCodes.RequiredFieldMissing, $"{label} is required but {from} gave no value");
            }
            return;
        }

        if (!QboValueConverter.TryConvert(value, field.Target.Info, out var node, out var problem))
        {
            var label = Label(field.Target, line);
            state.Error(label, MappingErrorCodes.InvalidValue, problem!);
            return;
        }

        if (field.Pipeline.ResolveEntity is { } entity)
        {
            var label = line is { } index && field.Labels is { } labels ? labels.For(index) : Label(field.Target, line);
            state.Resolvers.Add(new ResolverRequest(label, entity, value.ToText()!, line));
        }

        state.Tree.Write(target, field.Target.Segments, node);
    }

    public static void Apply(CompiledStatic rule, DraftState state, int? line, PendingNode target)
    {
        if (QboValueConverter.TryConvert(rule.Value, rule.Target.Info, out var node, out var problem))
        {
            state.Tree.Write(target, rule.Target.Segments, node);
        }
        else
        {
            state.Error(Label(rule.Target, line), MappingErrorCodes.InvalidValue, $"{Label(rule.Target, line)}: {problem}");
        }
    }

    /// <summary>The field as the user sees it in errors: <c>Line[2].Amount</c> rather than <c>Line[].Amount</c>.</summary>
    public static string Label(QboPath target, int? line) =>
        line is { } index && target.IsLineField
            ? string.Concat("Line[", index.ToString(CultureInfo.InvariantCulture), "]", target.Text.AsSpan(QboInvoiceSchema.LinePrefix.Length))
            : target.Text;
}
