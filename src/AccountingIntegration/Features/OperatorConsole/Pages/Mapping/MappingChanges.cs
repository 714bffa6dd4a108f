using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Mapping;

/// <summary>
/// What another save changed in a mapping layer's editor text (a source mapping or a client override), entry by entry,
/// so an operator whose save lost sees what the other person did before deciding whose version stays.
/// </summary>
internal static class MappingChanges
{
    /// <summary>What the other save changed: each field, fixed value, event and the priority, before and after.</summary>
    public static IReadOnlyList<string> Between(string? before, string after)
    {
        var old = Entries(before);
        var now = Entries(after);
        var changes = new List<string>();
        foreach (var key in old.Keys.Union(now.Keys, StringComparer.Ordinal))
        {
            var was = old.GetValueOrDefault(key);
            var isNow = now.GetValueOrDefault(key);
            if (was == isNow)
            {
                continue;
            }

            changes.Add(was is null ? $"{key}: added ({isNow})" : isNow is null ? $"{key}: removed (was {was})" : $"{key}: {was} → now {isNow}");
        }

        return changes;
    }

    private static Dictionary<string, string> Entries(string? text)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return entries;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonObject parts)
            {
                return entries;
            }

            if (parts["fieldMappings"] is JsonArray rules)
            {
                foreach (var rule in rules.OfType<JsonObject>())
                {
                    entries[$"field {rule["qboField"]}"] = rule.ToJsonString();
                }
            }

            foreach (var (name, label) in new[] { ("staticValues", "fixed value"), ("eventActions", "event") })
            {
                if (parts[name] is JsonObject values)
                {
                    foreach (var (key, value) in values)
                    {
                        entries[$"{label} {key}"] = value?.ToJsonString() ?? "null";
                    }
                }
            }

            entries["priority"] = parts["priority"]?.ToJsonString() ?? "0";
        }
        catch (System.Text.Json.JsonException)
        {
            // A page opened before cannot carry unreadable text; nothing to compare then.
        }

        return entries;
    }
}
