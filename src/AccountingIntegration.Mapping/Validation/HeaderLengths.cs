using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>QBO's length limits on header text (DocNumber 21 — error 2050 —, BillEmail 100, CustomerMemo 1000, …).</summary>
internal static class HeaderLengths
{
    // Split once and grouped by top-level field (the patterns are sorted, so a group is contiguous): a draft sets a
    // handful of the 24 limited fields, and one lookup of BillAddr or ShipAddr answers for all nine of their parts.
    private static readonly (string Top, (string Pattern, string[] Below, int MaxLength)[] Fields)[] Limited =
    [
        .. QboInvoiceSchema.Patterns
            .Where(pattern => !pattern.Contains('[', StringComparison.Ordinal))
            .Select(pattern => QboInvoiceSchema.TryGet(pattern, out var info) ? info : null)
            .OfType<QboFieldInfo>()
            .Where(info => info.MaxLength is not null)
            .Select(info => (info.Pattern, Names: info.Pattern.Split('.'), info.MaxLength!.Value))
            .GroupBy(field => field.Names[0], StringComparer.Ordinal)
            .Select(group => (group.Key, group.Select(field => (field.Pattern, field.Names[1..], field.Value)).ToArray())),
    ];

    public static void Check(IDraftObject invoice, List<MappingError> errors)
    {
        foreach (var (top, fields) in Limited)
        {
            if (!invoice.Has(top))
            {
                continue;
            }

            foreach (var (pattern, below, maxLength) in fields)
            {
                CheckLength(below.Length == 0 ? invoice.Value(top) : Read(invoice.Object(top), below), pattern, maxLength, errors);
            }
        }
    }

    /// <summary>The value below <paramref name="parent"/> along plain property names; null when any part is absent.</summary>
    private static JsonNode? Read(IDraftObject? parent, string[] names)
    {
        for (var i = 0; i < names.Length - 1 && parent is not null; i++)
        {
            parent = parent.Object(names[i]);
        }

        return parent?.Value(names[^1]);
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
