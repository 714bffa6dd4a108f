using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Mapping.Admin;

/// <summary>
/// Reads a layer's <c>eventActions</c> (event type or meaning → action name) from a request body and checks it,
/// so only choices the books can carry out are stored: known action names, and for a meaning, or an event type
/// the source's adapter knows, an action that fits what it means. Event types an adapter does not know are
/// accepted (vendors add events). Problems are named <c>eventActions.&lt;key&gt;</c>, each message starting with
/// a stable code (<see cref="MappingErrors"/>).
/// </summary>
internal static class EventActionsInput
{
    public const string Field = "eventActions";

    public const int MaxKeyLength = 100;

    /// <summary>The meaning keys, which apply to every event of that meaning that no type key names.</summary>
    public static readonly IReadOnlyDictionary<string, EventMeaning> Meanings = new Dictionary<string, EventMeaning>(StringComparer.OrdinalIgnoreCase)
    {
        ["sale"] = EventMeaning.Sale,
        ["payment"] = EventMeaning.Payment,
        ["refund"] = EventMeaning.Refund,
        ["cancellation"] = EventMeaning.Cancellation,
    };

    private static readonly string ActionNames = string.Join(", ", EventActions.ByName.Keys);

    /// <summary>
    /// The entries of a present <c>eventActions</c>, keys trimmed and actions in their canonical (lower-case) name;
    /// for a source type with an adapter, its known events are checked too, and for a layer of one generic source
    /// (<paramref name="oneSource"/>) every action. Empty when the value is not an object.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Read(JsonNode node, string? sourceType, ValidationErrors errors, bool oneSource = false)
    {
        var actions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not JsonObject entries)
        {
            errors.Add(Field, $"{MappingErrors.InvalidEventActionsCode}: must be an object of event type (or meaning: sale, payment, refund, " +
                $"cancellation) to action name ({ActionNames})");
            return actions;
        }

        if (Entries(entries) is not { } pairs)
        {
            errors.Add(Field, $"{MappingErrors.InvalidEventKeyCode}: an event is named twice (event keys compare case-insensitively)");
            return actions;
        }

        // The merge compares keys case-insensitively, so "sale" and "Sale" in one layer would be the same entry twice.
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs)
        {
            var location = $"{Field}.{key}";
            var eventKey = key.Trim();
            if (eventKey.Length is 0 or > MaxKeyLength)
            {
                errors.Add(location, $"{MappingErrors.InvalidEventKeyCode}: an event type or meaning of 1-{MaxKeyLength} characters");
                continue;
            }

            if (!seen.TryAdd(eventKey, key))
            {
                errors.Add(location, $"{MappingErrors.InvalidEventKeyCode}: the same event as '{seen[eventKey]}' (event keys compare case-insensitively)");
                continue;
            }

            if (ReadAction(value, location, errors) is not { } action)
            {
                continue;
            }

            if (Meanings.TryGetValue(eventKey, out var meaning))
            {
                CheckFits(action, meaning, $"a {eventKey.ToLowerInvariant()}", location, errors);
            }

            actions[eventKey] = EventActions.Name(action);
        }

        if (sourceType is not null)
        {
            CheckKnownEvents(actions, sourceType, errors, oneSource);
        }

        return actions;
    }

    /// <summary>
    /// For a source type with an adapter: each key that is one of the adapter's known events must get an action
    /// that fits what the event means (an ignored event only <c>auto</c> or <c>ignore</c>). For a layer of one
    /// generic source (<paramref name="oneSource"/>: a source mapping, or an override for that source) every key must
    /// get an action a generic source can run (<see cref="GenericSourceActions"/>): anything else would be accepted
    /// here and refused on every payload. A template for a type without adapter stays open, as for unknown events.
    /// </summary>
    public static void CheckKnownEvents(IReadOnlyDictionary<string, string> actions, string sourceType, ValidationErrors errors, bool oneSource = false)
    {
        if (VendorAdapters.For(sourceType) is not { } adapter)
        {
            if (oneSource)
            {
                CheckGeneric(actions, errors);
            }

            return;
        }

        foreach (var (key, name) in actions)
        {
            var known = adapter.KnownEvents.FirstOrDefault(e => string.Equals(e.EventType, key.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is not null && EventActions.ByName.TryGetValue(name.Trim(), out var action))
            {
                var meaning = known.Meaning == EventMeaning.NoMoney ? "an event that moves no money" : $"a {known.Meaning.ToString().ToLowerInvariant()} event";
                CheckFits(action, known.Meaning, $"{known.EventType}, {meaning} for {adapter.SourceType}", $"{Field}.{key}", errors);
            }
        }
    }

    /// <summary>What the column keeps: the entries as a JSON object, or null for none.</summary>
    public static string? Json(IReadOnlyDictionary<string, string>? actions) =>
        actions is null or { Count: 0 } ? null : MappingJson.SerializeEventActions(actions);

    /// <summary>The stored entries as the API shows them: an object, <c>{}</c> when there are none.</summary>
    public static JsonObject View(string? json)
    {
        var view = new JsonObject();
        foreach (var (key, action) in MappingJson.DeserializeEventActions(json))
        {
            view[key] = action;
        }

        return view;
    }

    /// <summary>Adds to audit details the keys whose action a write added, changed or removed (event names only, nothing secret).</summary>
    public static void AuditChanges(JsonObject details, string? before, string? after)
    {
        var old = new Dictionary<string, string>(MappingJson.DeserializeEventActions(before), StringComparer.OrdinalIgnoreCase);
        var now = new Dictionary<string, string>(MappingJson.DeserializeEventActions(after), StringComparer.OrdinalIgnoreCase);
        var changed = old.Keys.Union(now.Keys, StringComparer.OrdinalIgnoreCase)
            .Where(key => !string.Equals(old.GetValueOrDefault(key), now.GetValueOrDefault(key), StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (changed.Count > 0)
        {
            details["eventActionsChanged"] = new JsonArray([.. changed.Select(key => (JsonNode?)JsonValue.Create(key))]);
        }
    }

    /// <summary>
    /// The object's entries, or null when a key repeats: a request body's object is built on first use with the web
    /// options' case-insensitive names, and a key given twice (in any case) fails there.
    /// </summary>
    private static List<KeyValuePair<string, JsonNode?>>? Entries(JsonObject entries)
    {
        try
        {
            return [.. entries];
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static EventAction? ReadAction(JsonNode? value, string location, ValidationErrors errors)
    {
        if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(location, $"{MappingErrors.UnknownEventActionCode}: must be an action name, one of {ActionNames}");
            return null;
        }

        var name = text.GetValue<string>().Trim();
        if (!EventActions.ByName.TryGetValue(name, out var action))
        {
            errors.Add(location, $"{MappingErrors.UnknownEventActionCode}: '{name}' is not an action; use one of {ActionNames}");
            return null;
        }

        return action;
    }

    private static void CheckGeneric(IReadOnlyDictionary<string, string> actions, ValidationErrors errors)
    {
        foreach (var (key, name) in actions)
        {
            if (EventActions.ByName.TryGetValue(name.Trim(), out var action) && !GenericSourceActions.Allowed.Contains(action))
            {
                errors.Add($"{Field}.{key}", $"{MappingErrors.EventActionNotAllowedCode}: {GenericSourceActions.Refusal(EventActions.Name(action))}");
            }
        }
    }

    private static void CheckFits(EventAction action, EventMeaning meaning, string what, string location, ValidationErrors errors)
    {
        var allowed = EventActions.Allowed(meaning);
        if (!allowed.Contains(action))
        {
            errors.Add(location, $"{MappingErrors.EventActionNotAllowedCode}: '{EventActions.Name(action)}' does not fit {what}; " +
                $"use one of {string.Join(", ", allowed.Select(EventActions.Name))}");
        }
    }
}
