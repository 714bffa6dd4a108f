using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.State;

namespace QboSandbox.Changes;

/// <summary>
/// What changed in a company since an instant, read from the rows themselves (MetaData.LastUpdatedTime) and the
/// tables' deletion times, so it survives a restart with the state file. Call under the company's gate.
/// </summary>
internal static class ChangeFeed
{
    /// <summary>
    /// One QueryResponse per entity with changes, in the order asked, oldest change first, each with
    /// startPosition/maxResults/totalCount like a query page; no changes at all → one empty QueryResponse
    /// (python-quickbooks' captured CDC responses). Deleted rows come back as {domain, status:"Deleted", Id,
    /// MetaData.LastUpdatedTime} (Intuit: "Deleted entities return a Deleted value for the status field").
    /// At most <paramref name="maxObjects"/> objects in all (Intuit: "a maximum of 1,000 objects").
    /// </summary>
    public static JsonArray Collect(Company company, IReadOnlyList<string> entities, DateTimeOffset since, int maxObjects)
    {
        // MetaData times have whole seconds: compare at that precision, inclusive, so a change in the same
        // second as changedSince is reported (perhaps again) rather than lost.
        var from = new DateTimeOffset(since.UtcTicks - (since.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var responses = new JsonArray();
        var room = Math.Max(maxObjects, 0);
        foreach (var entity in entities)
        {
            var changed = Changed(company, entity, from).OrderBy(c => c.At).Take(room).Select(c => (JsonNode)c.Row).ToList();
            if (changed.Count == 0)
            {
                continue;
            }

            room -= changed.Count;
            responses.Add(new JsonObject
            {
                [entity] = new JsonArray([.. changed]),
                ["startPosition"] = 1,
                ["maxResults"] = changed.Count,
                ["totalCount"] = changed.Count,
            });
        }

        if (responses.Count == 0)
        {
            responses.Add(new JsonObject());
        }

        return responses;
    }

    private static IEnumerable<(DateTimeOffset At, JsonObject Row)> Changed(Company company, string entity, DateTimeOffset from)
    {
        foreach (var row in EntityService.Rows(company, entity))
        {
            if (LastUpdated(row) is { } at && at >= from)
            {
                yield return (at, row.DeepClone().AsObject());
            }
        }

        if (entity == EntityNames.CompanyInfo || !company.HasTable(entity))
        {
            yield break;
        }

        foreach (var (id, at) in company.Table(entity).Deleted)
        {
            if (at >= from)
            {
                yield return (at, Tombstone(id, at));
            }
        }
    }

    private static JsonObject Tombstone(string id, DateTimeOffset at) => new()
    {
        ["domain"] = "QBO",
        ["status"] = "Deleted",
        ["Id"] = id,
        ["MetaData"] = new JsonObject { ["LastUpdatedTime"] = PacificTime.FormatMeta(at) },
    };

    private static DateTimeOffset? LastUpdated(JsonObject row) =>
        row["MetaData"]?["LastUpdatedTime"]?.GetValue<string>() is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : null;
}
