using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using QboSandbox.State;

namespace QboSandbox.Query;

/// <summary>
/// Runs a parsed query over stored rows (call under the company's gate; the page is copied out). Strings compare case-insensitively; numbers numerically;
/// date-times by instant. A reference field (CustomerRef) compares by its value, PrimaryEmailAddr by its Address.
/// </summary>
internal static class QueryEvaluator
{
    public const int DefaultMaxResults = 100;
    public const int MaxMaxResults = 1000;

    private static readonly string[] ActiveByDefault = [EntityNames.Customer, EntityNames.Item, EntityNames.Account];

    public static JsonObject Execute(QueryModel query, IReadOnlyList<JsonObject> rows)
    {
        // Name-list entities come back active-only unless the query filters on Active itself.
        var activeOnly = ActiveByDefault.Contains(query.Entity)
            && !query.Conditions.Any(c => c.Field.Equals("Active", StringComparison.OrdinalIgnoreCase));
        IEnumerable<JsonObject> matches = rows.Where(r =>
            (!activeOnly || r["Active"]?.GetValue<bool>() != false) && query.Conditions.All(c => Matches(r, c)));
        if (query.IsCount)
        {
            return new JsonObject { ["totalCount"] = matches.Count() };
        }

        if (query.OrderBy.Count > 0)
        {
            matches = matches.Order(Comparer<JsonObject>.Create((a, b) => CompareRows(a, b, query.OrderBy)));
        }

        // STARTPOSITION is 1-based; MAXRESULTS defaults to 100 and is capped at 1000 (REFERENCE §2.5).
        var start = Math.Max(query.StartPosition ?? 1, 1);
        var max = Math.Clamp(query.MaxResults ?? DefaultMaxResults, 1, MaxMaxResults);
        var page = matches.Skip(start - 1).Take(max).ToList();
        if (page.Count == 0)
        {
            return [];
        }

        return new JsonObject
        {
            ["startPosition"] = start,
            ["maxResults"] = page.Count,
            ["totalCount"] = page.Count,
            [query.Entity] = new JsonArray([.. page.Select(r => r.DeepClone())]),
        };
    }

    private static int CompareRows(JsonObject a, JsonObject b, IReadOnlyList<Ordering> orderBy)
    {
        foreach (var order in orderBy)
        {
            var result = Compare(Resolve(a, order.Field), Resolve(b, order.Field));
            if (result != 0)
            {
                return order.Descending ? -result : result;
            }
        }

        return 0;
    }

    private static bool Matches(JsonObject row, Condition condition)
    {
        var actual = Resolve(row, condition.Field);
        if (actual is null)
        {
            return false;
        }

        return condition.Operator switch
        {
            Operator.Equal => Compare(actual, condition.Values[0].Text) == 0,
            Operator.In => condition.Values.Any(v => Compare(actual, v.Text) == 0),
            Operator.Less => Compare(actual, condition.Values[0].Text) < 0,
            Operator.Greater => Compare(actual, condition.Values[0].Text) > 0,
            Operator.LessOrEqual => Compare(actual, condition.Values[0].Text) <= 0,
            Operator.GreaterOrEqual => Compare(actual, condition.Values[0].Text) >= 0,
            Operator.Like => LikePattern.IsMatch(actual, condition.Values[0].Text),
            _ => false,
        };
    }

    /// <summary>The comparable text of a field, or null when the row does not have it.</summary>
    private static string? Resolve(JsonObject row, string field)
    {
        JsonNode? node;
        if (field.StartsWith("MetaData.", StringComparison.Ordinal))
        {
            node = row["MetaData"]?[field["MetaData.".Length..]];
        }
        else
        {
            node = row.FirstOrDefault(p => string.Equals(p.Key, field, StringComparison.OrdinalIgnoreCase)).Value;
        }

        return node switch
        {
            JsonObject o when o["value"] is JsonValue v => Text(v),
            JsonObject o when o["Address"] is JsonValue v => Text(v),
            JsonValue v => Text(v),
            _ => null,
        };
    }

    private static string Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };

    private static int Compare(string? left, string? right)
    {
        if (left is null || right is null)
        {
            return left is null ? (right is null ? 0 : -1) : 1;
        }

        if (decimal.TryParse(left, NumberStyles.Number, CultureInfo.InvariantCulture, out var l)
            && decimal.TryParse(right, NumberStyles.Number, CultureInfo.InvariantCulture, out var r))
        {
            return l.CompareTo(r);
        }

        if (left.Length > 10 && right.Length > 10
            && DateTimeOffset.TryParse(left, CultureInfo.InvariantCulture, DateTimeStyles.None, out var lt)
            && DateTimeOffset.TryParse(right, CultureInfo.InvariantCulture, DateTimeStyles.None, out var rt))
        {
            return lt.CompareTo(rt);
        }

        return string.Compare(left, right, StringComparison.OrdinalIgnoreCase);
    }
}
