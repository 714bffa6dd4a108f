using System.Globalization;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// QBO's rules for one line: a known DetailType; on a sales item line an Amount in QBO's 10.5 number format,
/// an ItemRef (without it QBO treats the line as documentation and ignores its amount), no negative Qty or
/// UnitPrice, and, when Qty and UnitPrice are both given, Amount = round(Qty × UnitPrice, 2) half up (QBO error 6070).
/// </summary>
/// <remarks>
/// The engine drafts invoices and sales receipts only. On those a negative quantity would book a credit as if it were
/// a sale (QBO accepts it silently) and a negative unit price is refused by QBO with a message naming no field; money
/// given back is a credit memo or refund receipt, and a reduction is a discount line.
/// </remarks>
internal static class LineRules
{
    // Labels are built with this placeholder (constant strings, no allocation) and get the index only on error.
    private const string Placeholder = "Line[]";
    private const int DescriptionMax = 4000;
    private const decimal AmountLimit = 10_000_000_000m;
    private static readonly HashSet<string> DetailTypes =
        ["SalesItemLineDetail", "DescriptionOnly", "DiscountLineDetail", "SubTotalLineDetail", "GroupLineDetail"];

    public static void Check(IDraftObject? line, int index, List<MappingError> errors)
    {
        // Only a line with a problem pays for its label.
        var before = errors.Count;
        CheckLine(line, errors);
        if (errors.Count == before)
        {
            return;
        }

        var label = string.Create(CultureInfo.InvariantCulture, $"Line[{index}]");
        for (var i = before; i < errors.Count; i++)
        {
            var error = errors[i];
            errors[i] = new MappingError(error.Field.Replace(Placeholder, label, StringComparison.Ordinal), error.Code, error.Message.Replace(Placeholder, label, StringComparison.Ordinal));
        }
    }

    private static void CheckLine(IDraftObject? line, List<MappingError> errors)
    {
        if (line is null)
        {
            errors.Add(new(Placeholder, MappingErrorCodes.InvalidDetailType, $"{Placeholder} is not an object"));
            return;
        }
        var detailType = QboValueConverter.ReadString(line.Value("DetailType"));
        if (detailType is null || !DetailTypes.Contains(detailType))
        {
            errors.Add(new($"{Placeholder}.DetailType", MappingErrorCodes.InvalidDetailType, $"{Placeholder}.DetailType \"{detailType}\" is not a QBO line detail type"));
        }

        HeaderLengths.CheckLength(line.Value("Description"), $"{Placeholder}.Description", DescriptionMax, errors);
        if (detailType == LineCompletion.SalesItemLineDetail)
        {
            CheckSalesItemLine(line, errors);
        }
    }

    private static void CheckSalesItemLine(IDraftObject line, List<MappingError> errors)
    {
        var detail = line.Object(LineCompletion.SalesItemLineDetail);
        if (string.IsNullOrWhiteSpace(QboValueConverter.ReadString(detail?.Object("ItemRef")?.Value("value"))))
        {
            errors.Add(new($"{Placeholder}.SalesItemLineDetail.ItemRef.value", MappingErrorCodes.ItemRefMissing, $"{Placeholder} has no ItemRef.value: QBO would ignore its amount"));
        }

        if (detail?.Value("ServiceDate") is { } serviceDate)
        {
            InvoiceValidator.CheckDate(serviceDate, $"{Placeholder}.SalesItemLineDetail.ServiceDate", errors);
        }

        CheckNotNegative(detail?.Value("Qty"), $"{Placeholder}.SalesItemLineDetail.Qty", "quantity", errors);
        CheckNotNegative(detail?.Value("UnitPrice"), $"{Placeholder}.SalesItemLineDetail.UnitPrice", "unit price", errors);

        if (!QboValueConverter.TryReadDecimal(line.Value("Amount"), out var amount))
        {
            errors.Add(new($"{Placeholder}.Amount", MappingErrorCodes.LineAmountMissing, $"{Placeholder}.Amount is required: map it, or map UnitPrice (and Qty) to compute it"));
            return;
        }
        if (Math.Abs(amount) >= AmountLimit || decimal.Round(amount, 5) != amount)
        {
            errors.Add(new($"{Placeholder}.Amount", MappingErrorCodes.AmountOutOfRange, $"{Placeholder}.Amount {amount} does not fit QBO's 10.5 number format"));
        }

        if (QboValueConverter.TryReadDecimal(detail?.Value("Qty"), out var quantity)
            && QboValueConverter.TryReadDecimal(detail?.Value("UnitPrice"), out var unitPrice)
            && ExpectedAmount(quantity, unitPrice) is { } expected && expected != amount)
        {
            errors.Add(new($"{Placeholder}.Amount", MappingErrorCodes.AmountMismatch,
                $"{Placeholder}.Amount {amount} is not Qty {quantity} × UnitPrice {unitPrice} = {expected} (QBO error 6070)"));
        }
    }

    private static void CheckNotNegative(JsonNode? value, string field, string what, List<MappingError> errors)
    {
        if (QboValueConverter.TryReadDecimal(value, out var number) && number < 0)
        {
            errors.Add(new(field, MappingErrorCodes.NegativeLineValue,
                $"{field} {number} is negative: an invoice or sales receipt line takes no negative {what} (money given back is a credit; a reduction is a discount line)"));
        }
    }

    private static decimal? ExpectedAmount(decimal quantity, decimal unitPrice)
    {
        try
        {
            return Math.Round(quantity * unitPrice, 2, MidpointRounding.AwayFromZero);
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
