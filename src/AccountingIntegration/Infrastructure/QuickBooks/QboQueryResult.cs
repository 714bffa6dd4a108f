using System.Text.Json.Nodes;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>One page of a QBO query: the entities and QBO's paging fields (REFERENCE §2.5).</summary>
internal sealed record QboQueryResult(IReadOnlyList<JsonObject> Items, int StartPosition, int MaxResults, int? TotalCount);
