using System.Text.Json.Nodes;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>Fields every stored entity carries, and the copy of client fields the server does not own.</summary>
internal static class EntityRow
{
    private static readonly HashSet<string> ServerOwned = new(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "SyncToken", "MetaData", "domain", "sparse",
    };

    public static JsonObject Start(string id, DateTimeOffset now) => new()
    {
        ["Id"] = id,
        ["SyncToken"] = "0",
        ["domain"] = "QBO",
        ["sparse"] = false,
        ["MetaData"] = new JsonObject
        {
            ["CreateTime"] = PacificTime.FormatMeta(now),
            ["LastUpdatedTime"] = PacificTime.FormatMeta(now),
        },
    };

    /// <summary>The next version of a stored row: same Id and CreateTime, SyncToken + 1, LastUpdatedTime now.</summary>
    public static JsonObject NextVersion(JsonObject existing, DateTimeOffset now)
    {
        var version = long.Parse(existing["SyncToken"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["Id"] = existing["Id"]!.GetValue<string>(),
            ["SyncToken"] = (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["domain"] = "QBO",
            ["sparse"] = false,
            ["MetaData"] = new JsonObject
            {
                ["CreateTime"] = existing["MetaData"]!["CreateTime"]!.GetValue<string>(),
                ["LastUpdatedTime"] = PacificTime.FormatMeta(now),
            },
        };
    }

    /// <summary>Copies client fields that the row does not have yet (server-set fields win).</summary>
    public static void CopyClientFields(JsonObject row, JsonObject body, params string[] skip)
    {
        foreach (var (name, value) in body)
        {
            if (!ServerOwned.Contains(name) && !row.ContainsKey(name) && Array.IndexOf(skip, name) < 0)
            {
                row[name] = value?.DeepClone();
            }
        }
    }

    public static void Default(JsonObject row, string name, JsonNode value)
    {
        if (row[name] is null)
        {
            row[name] = value;
        }
    }

    public static bool IsActive(JsonObject row) => row["Active"]?.GetValue<bool>() ?? true;

    public static string Name(JsonObject row, string field) => row[field]?.GetValue<string>() ?? "";

    public static void CheckLength(string? value, string element, int max)
    {
        if (value is not null && value.Length > max)
        {
            throw Http.QboException.LengthOutOfRange(element, max, value.Length);
        }
    }
}
