using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Mapping.Admin;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Mapping;

/// <summary>
/// The editor's text: one JSON object with the parts of a source mapping PUT (<c>fieldMappings</c>,
/// <c>staticValues</c>, <c>eventActions</c>, <c>priority</c>). Reading it only splits it into the API's request; the
/// rules are checked by the API's own <see cref="LayerInput"/> and <see cref="EventActionsInput"/>.
/// </summary>
internal static class MappingText
{
    private static readonly string[] Parts = ["fieldMappings", "staticValues", "eventActions", "priority"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The stored mapping as the editor shows it; an empty mapping when the source has none.</summary>
    public static string Format(SourceMapping? mapping) => mapping is null
        ? Format("[]", "{}", null, 0)
        : Format(mapping.FieldMappings, mapping.StaticValues, mapping.EventActions, mapping.Priority);

    /// <summary>A client override's layer as the editor shows it: the same four parts as a source mapping.</summary>
    public static string Format(ClientOverride entry) => Format(entry.FieldMappings, entry.StaticValues, entry.EventActions, entry.Priority);

    public static string Format(string fieldMappings, string staticValues, string? eventActions, int priority)
    {
        var text = new JsonObject
        {
            ["fieldMappings"] = JsonNode.Parse(fieldMappings),
            ["staticValues"] = JsonNode.Parse(staticValues),
            ["eventActions"] = EventActionsInput.View(eventActions),
            ["priority"] = priority,
        };
        return text.ToJsonString(Indented);
    }

    /// <summary>The text as the API's request; a text that is not such an object is refused like the API refuses a body.</summary>
    public static SourceMappingRequest Read(string? text)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
        }
        catch (JsonException e)
        {
            throw Refused("mapping", $"is not valid JSON: {e.Message}");
        }

        if (node is not JsonObject parts)
        {
            throw Refused("mapping", "must be one JSON object with fieldMappings, staticValues, eventActions and priority");
        }

        var unknown = parts.Select(p => p.Key).FirstOrDefault(key => !Parts.Contains(key, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw Refused(unknown, "is not a part of a mapping: use fieldMappings, staticValues, eventActions and priority");
        }

        int? priority = null;
        if (parts["priority"] is { } p)
        {
            if (p is not JsonValue value || !value.TryGetValue<int>(out var number))
            {
                throw Refused("priority", "must be a whole number (0 or more applies after the built-in templates)");
            }

            priority = number;
        }

        return new SourceMappingRequest(parts["fieldMappings"]?.DeepClone(), parts["staticValues"]?.DeepClone(), priority, true,
            parts["eventActions"]?.DeepClone());
    }

    /// <summary>
    /// Every problem the API would answer for this text on the source, without saving: the same reading and checks
    /// <see cref="AdminSourceMappingEndpoints.PutAsync"/> runs before it writes.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> Problems(string? text, string sourceType)
    {
        try
        {
            var request = Read(text);
            var errors = new ValidationErrors();
            LayerInput.Read(request.FieldMappings, request.StaticValues, string.Empty, errors);
            if (request.EventActions is not null)
            {
                EventActionsInput.Read(request.EventActions, sourceType, errors, oneSource: true);
            }

            errors.ThrowIfAny();
            return new Dictionary<string, string[]>();
        }
        catch (ApiException e)
        {
            return e.Errors ?? new Dictionary<string, string[]> { [string.Empty] = [e.Message] };
        }
    }

    private static ApiException Refused(string field, string message) =>
        ApiException.Validation(new Dictionary<string, string[]> { [field] = [message] });
}
