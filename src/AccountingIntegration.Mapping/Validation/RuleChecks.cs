using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// The checks one rule can pass on its own, shared by <see cref="MappingValidator"/> (on save) and the compiled
/// mapping (so a stored rule that never went through validation reports instead of throwing).
/// </summary>
internal static class RuleChecks
{
    public static RuleProblem? LineSourceProblem(FieldMapping rule)
    {
        if (string.IsNullOrWhiteSpace(rule.SourceField))
        {
            return new("sourceField", MappingErrorCodes.NothingToMap, "Line needs a sourceField naming the payload array of lines");
        }

        if (rule.Transformation is not null)
        {
            return new("transformation", MappingErrorCodes.InvalidTransformation, "Line takes no transformation: it only names the array of lines");
        }

        if (rule.DefaultValue is not null)
        {
            return new("defaultValue", MappingErrorCodes.InvalidValue, "Line takes no default value");
        }

        return SourceProblem(rule.SourceField, allowWildcard: true);
    }

    public static List<RuleProblem> FieldProblems(FieldMapping rule)
    {
        var problems = new List<RuleProblem>();
        QboPath? target = null;
        try
        {
            target = QboPathParser.Parse(rule.QboField.Trim());
        }
        catch (PathSyntaxException ex)
        {
            problems.Add(new("qboField", MappingErrorCodes.InvalidQboField, ex.Message));
        }

        if (rule.SourceField is not null && SourceProblem(rule.SourceField, allowWildcard: false) is { } sourceProblem)
        {
            problems.Add(sourceProblem);
        }

        if (rule.Transformation is not null && TransformationProblem(rule.Transformation, target) is { } stepProblem)
        {
            problems.Add(stepProblem);
        }

        if (rule.SourceField is null && rule.Transformation is null && rule.DefaultValue is null)
        {
            problems.Add(new("sourceField", MappingErrorCodes.NothingToMap, "needs a sourceField, a transformation or a defaultValue"));
        }

        if (target is not null && rule.DefaultValue is not null && ValueProblem(target.Info, rule.DefaultValue) is { } valueProblem)
        {
            problems.Add(new("defaultValue", MappingErrorCodes.InvalidValue, valueProblem));
        }

        return problems;
    }

    public static RuleProblem? StaticProblem(string path, JsonNode? value)
    {
        if (path.Trim() == QboInvoiceSchema.LineField)
        {
            return new("qboField", MappingErrorCodes.InvalidQboField, "Line cannot be a static value; map it to a payload array");
        }

        QboPath target;
        try
        {
            target = QboPathParser.Parse(path.Trim());
        }
        catch (PathSyntaxException ex)
        {
            return new("qboField", MappingErrorCodes.InvalidQboField, ex.Message);
        }
        return value is not null && ValueProblem(target.Info, value) is { } problem
            ? new("value", MappingErrorCodes.InvalidStaticValue, problem)
            : null;
    }

    private static RuleProblem? SourceProblem(string sourceField, bool allowWildcard)
    {
        try
        {
            var path = SourcePathParser.Parse(sourceField);
            return path.HasWildcard && !allowWildcard
                ? new("sourceField", MappingErrorCodes.InvalidSourcePath, $"'{sourceField}': [*] is only allowed in the Line source")
                : null;
        }
        catch (PathSyntaxException ex)
        {
            return new("sourceField", MappingErrorCodes.InvalidSourcePath, ex.Message);
        }
    }

    private static RuleProblem? TransformationProblem(string transformation, QboPath? target)
    {
        try
        {
            var pipeline = PipelineCache.GetOrCompile(transformation);
            if (pipeline.ResolveEntity is { } entity && target is not null && target.Pattern != ResolveStep.TargetPattern(entity))
            {
                return new("transformation", MappingErrorCodes.InvalidTransformation,
                    $"resolve:{entity} belongs on {ResolveStep.TargetPattern(entity)}, not {target.Text}");
            }
            return null;
        }
        catch (TransformationSyntaxException ex)
        {
            return new("transformation", MappingErrorCodes.InvalidTransformation, ex.Message);
        }
    }

    /// <summary>A constant must already have the field's type, format and length: it cannot be fixed per payload.</summary>
    private static string? ValueProblem(QboFieldInfo field, JsonNode value)
    {
        var mapped = MappingValue.FromJson(JsonSerializer.SerializeToElement(value, MappingJson.Options));
        if (!QboValueConverter.TryConvert(mapped, field, out var node, out var problem))
        {
            return problem;
        }

        var text = QboValueConverter.ReadString(node);
        if (field.Type == QboFieldType.Date && !QboDates.IsQboDate(text))
        {
            return $"{mapped.Describe()} is not a yyyy-MM-dd date";
        }

        if (field.MaxLength is { } max && text is not null && text.Length > max)
        {
            return $"is {text.Length} characters long; QBO allows at most {max}";
        }

        return null;
    }
}
