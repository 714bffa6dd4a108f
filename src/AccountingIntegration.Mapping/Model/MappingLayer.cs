using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>One stored layer: a global template, an organization override or a source's own mapping.</summary>
public sealed record MappingLayer(
    string Id,
    LayerKind Kind,
    int Priority,
    DateTime CreatedAtUtc,
    IReadOnlyList<FieldMapping> FieldMappings,
    IReadOnlyDictionary<string, JsonNode?> StaticValues)
{
    /// <summary>
    /// Event type (or meaning: sale, payment, refund, cancellation) → what it makes in QBO (invoice_and_payment,
    /// sales_receipt, refund_receipt, credit_memo, void, ignore…); the service's books feature knows the names.
    /// </summary>
    public IReadOnlyDictionary<string, string> EventActions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
