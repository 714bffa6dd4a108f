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
        return Validate(new JsonDraftObject(invoice));
    }

    /// <summary>The same rules on a draft still pending or already finished.</summary>
    internal static List<MappingError> Validate(IDraftObject invoice)
    {
        var errors = new List<MappingError>();

        var customer = invoice.Object(CustomerRefValue[0]);
        if (string.IsNullOrWhiteSpace(QboValueConverter.ReadString(customer?.Value(CustomerRefValue[1]))))
        {
            errors.Add(new("CustomerRef.value", MappingErrorCodes.CustomerRefMissing, "CustomerRef.value is required: QBO rejects an invoice without a customer"));
        }

        foreach (var field in DateFields)
        {
            CheckDate(invoice.Value(field), field, errors);
        }

        HeaderLengths.Check(invoice, errors);

        var count = invoice.ArrayCount(QboInvoiceSchema.LineField);
        if (count <= 0)
        {
            errors.Add(new("Line", MappingErrorCodes.NoLines, "QBO needs at least one line"));
            return errors;
        }
        for (var index = 0; index < count; index++)
        {
            LineRules.Check(invoice.ArrayObject(QboInvoiceSchema.LineField, index), index, errors);
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
