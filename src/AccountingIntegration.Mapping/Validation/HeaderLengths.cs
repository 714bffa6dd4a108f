using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>QBO's length limits on header text (DocNumber 21 — error 2050 —, BillEmail 100, CustomerMemo 1000, …).</summary>
internal static class HeaderLengths
{
    // Split once: these paths are read for every draft.
    private static readonly (string Pattern, string[] Names, int MaxLength)[] Limited =
    [
        .. QboInvoiceSchema.Patterns
            .Where(pattern => !pattern.Contains('[', StringComparison.Ordinal))
            .Select(pattern => QboInvoiceSchema.TryGet(pattern, out var info) ? info : null)
            .OfType<QboFieldInfo>()
            .Where(info => info.MaxLength is not null)
            .Select(info => (info.Pattern, info.Pattern.Split('.'), info.MaxLength!.Value)),
    ];

    public static void Check(JsonObject invoice, List<MappingError> errors)
    {
        foreach (var (pattern, names, maxLength) in Limited)
        {
            CheckLength(JsonTree.Read(invoice, names), pattern, maxLength, errors);
        }
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
