using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Checks one layer when it is saved. Only what a layer decides on its own can be checked here: path syntax,
/// known QBO fields, step names and arguments, where resolve steps go, and the type, format and length of
/// constants. Whether a <c>Line[]</c> rule has a <c>Line</c> source, or whether required fields end up mapped,
/// depends on the other layers and is seen in the merged preview instead.
/// </summary>
public static class MappingValidator
{
    public static IReadOnlyList<MappingError> ValidateLayer(
        IReadOnlyList<FieldMapping> fieldMappings,
        IReadOnlyDictionary<string, JsonNode?> staticValues)
    {
        ArgumentNullException.ThrowIfNull(fieldMappings);
        ArgumentNullException.ThrowIfNull(staticValues);
        var errors = new List<MappingError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var index = 0; index < fieldMappings.Count; index++)
        {
            var rule = fieldMappings[index];
            var location = $"fieldMappings[{index}]";
            if (rule is null || string.IsNullOrWhiteSpace(rule.QboField))
            {
                errors.Add(new($"{location}.qboField", MappingErrorCodes.InvalidQboField, "qboField is required"));
                continue;
            }
            var field = rule.QboField.Trim();
            if (seen.TryGetValue(field, out var first))
            {
                errors.Add(new($"{location}.qboField", MappingErrorCodes.DuplicateField, $"{field} is already mapped by fieldMappings[{first}]"));
            }
            else
            {
                seen[field] = index;
            }

            if (rule.Disabled)
            {
                continue;
            }

            foreach (var problem in Check(rule, field))
            {
                errors.Add(new($"{location}.{problem.Part}", problem.Code, $"{field}: {problem.Message}"));
            }
        }

        foreach (var (path, value) in staticValues)
        {
            if (seen.ContainsKey(path.Trim()))
            {
                errors.Add(new($"staticValues[\"{path}\"]", MappingErrorCodes.DuplicateField, $"{path} is both mapped and static in this layer"));
            }

            if (RuleChecks.StaticProblem(path, value) is { } problem)
            {
                errors.Add(new($"staticValues[\"{path}\"]", problem.Code, $"{path}: {problem.Message}"));
            }
        }
        return errors;
    }

    private static IEnumerable<RuleProblem> Check(FieldMapping rule, string field) =>
        field == QboInvoiceSchema.LineField
            ? RuleChecks.LineSourceProblem(rule) is { } problem ? [problem] : []
            : RuleChecks.FieldProblems(rule);
}
