using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// A merged mapping parsed once: header fields, line fields, static values and the line source. A rule that
/// does not compile (a stored layer that was never validated) becomes an error reported with every draft,
/// rather than an exception that would stop the whole payload.
/// </summary>
internal sealed class CompiledMapping
{
    private ReadPlan? _readPlan;
    private bool _readPlanMade;

    private CompiledMapping(
        List<CompiledField> headerFields,
        List<CompiledField> lineFields,
        List<CompiledStatic> headerStatics,
        List<CompiledStatic> lineStatics,
        CompiledLineSource? lineSource,
        List<MappingError> errors)
    {
        var rootNames = new List<string>();
        var lineNames = new List<string>();
        HeaderFields = [.. headerFields.Select(field => Indexed(field, onLine: false, rootNames))];
        LineFields = [.. lineFields.Select(field => field.Source is { FromRoot: true } ? Indexed(field, onLine: false, rootNames) : Indexed(field, onLine: true, lineNames))];
        // Few names: separate lookups cost less than a pass over every property, so those fields look up directly.
        RootIndex = rootNames.Count >= PropertyIndex.MinNames ? new PropertyIndex(rootNames) : null;
        LineIndex = lineNames.Count >= PropertyIndex.MinNames ? new PropertyIndex(lineNames) : null;
        if (RootIndex is null)
        {
            HeaderFields = [.. HeaderFields.Select(field => field.SlotOnLine ? field : field with { Slot = -1 })];
            LineFields = [.. LineFields.Select(field => field.SlotOnLine ? field : field with { Slot = -1 })];
        }

        if (LineIndex is null)
        {
            LineFields = [.. LineFields.Select(field => field.SlotOnLine ? field with { Slot = -1, SlotOnLine = false } : field)];
        }

        HeaderStatics = [.. headerStatics];
        LineStatics = [.. lineStatics];
        LineSource = lineSource;
        Errors = [.. errors];
        HasLineRules = LineFields.Length > 0 || LineStatics.Length > 0;
    }

    public CompiledField[] HeaderFields { get; }

    public CompiledField[] LineFields { get; }

    /// <summary>The root properties the fields read, looked up in one pass per draft; null when too few to pay off.</summary>
    public PropertyIndex? RootIndex { get; }

    /// <summary>The line element properties the line fields read, looked up in one pass per line; null when too few.</summary>
    public PropertyIndex? LineIndex { get; }

    /// <summary>
    /// How to collect every value the fields read in one pass over the UTF-8 payload; null when a path needs the document.
    /// Made on first use, so drafts built from a document (and mappings compiled for one draft) never pay for it. Two
    /// threads may both make it; they make equal plans, and the flag is written after the plan, so either is seen whole.
    /// </summary>
    public ReadPlan? ReadPlan
    {
        get
        {
            if (!Volatile.Read(ref _readPlanMade))
            {
                _readPlan = ReadPlan.TryCreate(HeaderFields, LineFields, LineSource, HasLineRules);
                Volatile.Write(ref _readPlanMade, true);
            }

            return _readPlan;
        }
    }

    public CompiledStatic[] HeaderStatics { get; }

    public CompiledStatic[] LineStatics { get; }

    public CompiledLineSource? LineSource { get; }

    /// <summary>True when some rule writes into lines, so a payload without a <c>Line</c> source still gets one line.</summary>
    public bool HasLineRules { get; }

    public MappingError[] Errors { get; }

    public static CompiledMapping Compile(MergedMapping mapping)
    {
        List<CompiledField> headerFields = [], lineFields = [];
        List<CompiledStatic> headerStatics = [], lineStatics = [];
        List<MappingError> errors = [];
        CompiledLineSource? lineSource = null;

        foreach (var merged in mapping.FieldMappings)
        {
            var rule = merged.Mapping;
            if (rule.QboField.Trim() == QboInvoiceSchema.LineField)
            {
                lineSource = CompileLineSource(rule, errors) ?? lineSource;
                continue;
            }
            if (CompileField(rule, errors) is { } field)
            {
                (field.Target.IsLineField ? lineFields : headerFields).Add(field);
            }
        }

        foreach (var merged in mapping.StaticValues)
        {
            if (CompileStatic(merged, errors) is { } compiled)
            {
                (compiled.Target.IsLineField ? lineStatics : headerStatics).Add(compiled);
            }
        }

        return new CompiledMapping(headerFields, lineFields, headerStatics, lineStatics, lineSource, errors);
    }

    /// <summary>The field with the slot of its source's first property in <paramref name="names"/>, added there if new.</summary>
    private static CompiledField Indexed(CompiledField field, bool onLine, List<string> names)
    {
        if (field.Source is not { Segments: [{ Kind: PathSegmentKind.Property } first, ..] })
        {
            return field;
        }

        var slot = names.IndexOf(first.Name);
        if (slot < 0)
        {
            slot = names.Count;
            names.Add(first.Name);
        }

        return field with { Slot = slot, SlotOnLine = onLine };
    }

    private static CompiledLineSource? CompileLineSource(FieldMapping rule, List<MappingError> errors)
    {
        var problem = RuleChecks.LineSourceProblem(rule);
        if (problem is not null)
        {
            errors.Add(new MappingError(QboInvoiceSchema.LineField, problem.Value.Code, problem.Value.Message));
            return null;
        }
        return new CompiledLineSource(SourcePathParser.Parse(rule.SourceField!), rule.Required);
    }

    private static CompiledField? CompileField(FieldMapping rule, List<MappingError> errors)
    {
        var field = rule.QboField.Trim();
        var problems = RuleChecks.FieldProblems(rule);
        if (problems.Count > 0)
        {
            errors.AddRange(problems.Select(problem => new MappingError(field, problem.Code, problem.Message)));
            return null;
        }
        return new CompiledField(
            field,
            QboPathParser.Parse(field),
            rule.SourceField is null ? null : SourcePathParser.Parse(rule.SourceField),
            rule.Transformation is null ? CompiledPipeline.Empty : PipelineCache.GetOrCompile(rule.Transformation),
            rule.Required,
            rule.DefaultValue is null ? null : ToValue(rule.DefaultValue));
    }

    private static CompiledStatic? CompileStatic(MergedStaticValue merged, List<MappingError> errors)
    {
        var problem = RuleChecks.StaticProblem(merged.QboPath, merged.Value);
        if (problem is not null)
        {
            errors.Add(new MappingError(merged.QboPath, problem.Value.Code, problem.Value.Message));
            return null;
        }
        return merged.Value is null
            ? null
            : new CompiledStatic(QboPathParser.Parse(merged.QboPath), ToValue(merged.Value));
    }

    // The element outlives this method: SerializeToElement returns a self-contained clone.
    private static MappingValue ToValue(JsonNode node) =>
        MappingValue.FromJson(JsonSerializer.SerializeToElement(node, MappingJson.Options));
}
