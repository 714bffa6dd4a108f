using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Checks a draft against QBO's invoice rules (QBO reference §3) and reports every violation, so a payload
/// is fixed in one round rather than one error per attempt. Safe to call again after the resolvers filled ids.
/// </summary>
public static class InvoiceValidator
{
    private static readonly string[] DateFields = ["TxnDate", "DueDate", "ShipDate"];
    private static readonly string[] CustomerRefValue = ["CustomerRef", "value"];

    public static IReadOnlyList<MappingError> Validate(JsonObject invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var errors = new List<MappingError>();

        if (string.IsNullOrWhiteSpace(QboValueConverter.ReadString(JsonTree.Read(invoice, CustomerRefValue))))
        {
            errors.Add(new("CustomerRef.value", MappingErrorCodes.CustomerRefMissing, "CustomerRef.value is required: QBO rejects an invoice without a customer"));
        }

        foreach (var field in DateFields)
        {
            CheckDate(invoice[field], field, errors);
        }

        HeaderLengths.Check(invoice, errors);

        if (invoice["Line"] is not JsonArray lines || lines.Count == 0)
        {
            errors.Add(new("Line", MappingErrorCodes.NoLines, "QBO needs at least one line"));
            return errors;
        }
        for (var index = 0; index < lines.Count; index++)
        {
            LineRules.Check(lines[index] as JsonObject, index, errors);
        }

        return errors;
    }

    internal static void CheckDate(JsonNode? node, string field, List<MappingError> errors)
    {
        if (node is null)
        {
            return;
        }

        var text = QboValueConverter.ReadString(node);
        if (!QboDates.IsQboDate(text))
        {
            errors.Add(new(field, MappingErrorCodes.InvalidDate, $"{field} must be a yyyy-MM-dd date, got {node.ToJsonString()}"));
        }
    }
}
