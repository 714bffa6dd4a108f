using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books.Batching;

/// <summary>Composing a batch request and reading its answer, item by item (REFERENCE §7).</summary>
internal static class BatchAnswers
{
    /// <summary>The bId of the item at <paramref name="index"/>: at most 10 characters when the batch has a requestid.</summary>
    public static string Bid(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    public static JsonObject Request(IReadOnlyList<DocumentCreate> items) => new()
    {
        ["BatchItemRequest"] = new JsonArray([.. items.Select((item, index) => (JsonNode)new JsonObject
        {
            ["bId"] = Bid(index),
            ["operation"] = "create",
            [item.EntityType] = item.Body.DeepClone(),
        })]),
    };

    /// <summary>
    /// The answer's items by bId, each settled: created with the entity, or a fault. An item QBO left out of its
    /// answer stays unsettled (no outcome), as if its answer had been lost.
    /// </summary>
    public static IReadOnlyList<StoredBatchItem> Settle(JsonObject answer, IReadOnlyList<StoredBatchItem> items)
    {
        var responses = (answer["BatchItemResponse"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(response => response["bId"] is JsonValue)
            .GroupBy(response => (string?)response["bId"] ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. items.Select(item => responses.TryGetValue(item.Bid, out var response) ? SettleOne(item, response) : item)];
    }

    /// <summary>The entity a settled, created item holds.</summary>
    public static JsonObject Entity(StoredBatchItem item) =>
        JsonNode.Parse(item.Response ?? "null") as JsonObject
        ?? throw new QboApiException(new QboFault(QboErrorKind.Server, 200, $"The stored answer for batch item {item.Bid} holds no {item.EntityType}."));

    /// <summary>What the item means for its caller.</summary>
    public static LaneResult Result(StoredBatchItem item, bool adopted, Exception unknown) => item.Outcome switch
    {
        BatchItemOutcomes.Created => LaneResult.Of(new CreatedDocument(Entity(item), adopted)),
        BatchItemOutcomes.Fault => LaneResult.Failed(QboFaultReader.FromBatchItem(JsonNode.Parse(item.Response ?? "{}") as JsonObject ?? [])),
        BatchItemOutcomes.Absent or BatchItemOutcomes.Resent => LaneResult.Again,
        _ => LaneResult.Failed(unknown),
    };

    // A SystemFault is QBO failing on the item, not refusing it: whether it wrote anything is as unknown as a lost answer.
    private static StoredBatchItem SettleOne(StoredBatchItem item, JsonObject response) => response switch
    {
        _ when response[item.EntityType] is JsonObject entity => item with { Outcome = BatchItemOutcomes.Created, Response = entity.ToJsonString() },
        _ when response["Fault"] is JsonObject fault && (string?)fault["type"] != "SystemFault" =>
            item with { Outcome = BatchItemOutcomes.Fault, Response = fault.ToJsonString() },
        _ => item,
    };
}
