using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// QBO's rules for one line: a known DetailType; on a sales item line an Amount in QBO's 10.5 number format,
/// an ItemRef (without it QBO treats the line as documentation and ignores its amount), and, when Qty and
/// UnitPrice are both given, Amount = round(Qty × UnitPrice, 2) half up (QBO error 6070).
/// </summary>
internal static class LineRules
{
    private const int DescriptionMax = 4000;
    private const decimal AmountLimit = 10_000_000_000m;
    private static readonly HashSet<string> DetailTypes =
        ["SalesItemLineDetail", "DescriptionOnly", "DiscountLineDetail", "SubTotalLineDetail", "GroupLineDetail"];

    public static void Check(JsonObject? line, int index, List<MappingError> errors)
    {
        var prefix = $"Line[{index}]";
        if (line is null)
        {
            errors.Add(new(prefix, MappingErrorCodes.InvalidDetailType, $"{prefix} is not an object"));
            return;
        }
        var detailType = QboValueConverter.ReadString(line["DetailType"]);
        if (detailType is null || !DetailTypes.Contains(detailType))
            errors.Add(new($"{prefix}.DetailType", MappingErrorCodes.InvalidDetailType, $"{prefix}.DetailType \"{detailType}\" is not a QBO line detail type"));
        HeaderLengths.CheckLength(line["Description"], $"{prefix}.Description", DescriptionMax, errors);
        if (detailType == LineCompletion.SalesItemLineDetail)
            CheckSalesItemLine(line, prefix, errors);
    }

    private static void CheckSalesItemLine(JsonObject line, string prefix, List<MappingError> errors)
    {
        var detail = line[LineCompletion.SalesItemLineDetail] as JsonObject;
        if (string.IsNullOrWhiteSpace(QboValueConverter.ReadString(detail?["ItemRef"]?["value"])))
            errors.Add(new($"{prefix}.SalesItemLineDetail.ItemRef.value", MappingErrorCodes.ItemRefMissing, $"{prefix} has no ItemRef.value: QBO would ignore its amount"));
        if (detail?["ServiceDate"] is { } serviceDate)
            InvoiceValidator.CheckDate(serviceDate, $"{prefix}.SalesItemLineDetail.ServiceDate", errors);

        if (!QboValueConverter.TryReadDecimal(line["Amount"], out var amount))
        {
            errors.Add(new($"{prefix}.Amount", MappingErrorCodes.LineAmountMissing, $"{prefix}.Amount is required: map it, or map UnitPrice (and Qty) to compute it"));
            return;
        }
        if (Math.Abs(amount) >= AmountLimit || decimal.Round(amount, 5) != amount)
            errors.Add(new($"{prefix}.Amount", MappingErrorCodes.AmountOutOfRange, $"{prefix}.Amount {amount} does not fit QBO's 10.5 number format"));

        if (QboValueConverter.TryReadDecimal(detail?["Qty"], out var quantity)
            && QboValueConverter.TryReadDecimal(detail?["UnitPrice"], out var unitPrice)
            && ExpectedAmount(quantity, unitPrice) is { } expected && expected != amount)
        {
            errors.Add(new($"{prefix}.Amount", MappingErrorCodes.AmountMismatch,
                $"{prefix}.Amount {amount} is not Qty {quantity} × UnitPrice {unitPrice} = {expected} (QBO error 6070)"));
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
