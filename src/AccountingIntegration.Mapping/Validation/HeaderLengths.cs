using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>QBO's length limits on header text (DocNumber 21 — error 2050 —, BillEmail 100, CustomerMemo 1000, …).</summary>
internal static class HeaderLengths
{
    private static readonly QboFieldInfo[] Limited =
    [
        .. QboInvoiceSchema.Patterns
            .Where(pattern => !pattern.Contains('[', StringComparison.Ordinal))
            .Select(pattern => QboInvoiceSchema.TryGet(pattern, out var info) ? info : null)
            .OfType<QboFieldInfo>()
            .Where(info => info.MaxLength is not null),
    ];

    public static void Check(JsonObject invoice, List<MappingError> errors)
    {
        foreach (var field in Limited)
            CheckLength(JsonTree.Read(invoice, field.Pattern), field.Pattern, field.MaxLength!.Value, errors);
    }

    public static void CheckLength(JsonNode? node, string label, int max, List<MappingError> errors)
    {
        if (QboValueConverter.ReadString(node) is { } text && text.Length > max)
        {
            errors.Add(new(label, MappingErrorCodes.StringTooLong,
                $"{label} is {text.Length} characters long; QBO allows at most {max} (QBO error 2050)"));
        }
    }
}
