using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>
/// Fills what QBO needs on a line that the mapping left out: <c>DetailType</c> defaults to
/// <c>SalesItemLineDetail</c>, and an unmapped <c>Amount</c> is Qty × UnitPrice rounded half away from zero to
/// cents (QBO's own rule, error 6070). A line with a UnitPrice but no Qty gets Qty 1, written explicitly so the
/// amount check and inventory items (error 6520) see it.
/// </summary>
internal static class LineCompletion
{
    public const string SalesItemLineDetail = "SalesItemLineDetail";

    /// <summary>Completes a line still pending, before it becomes a JsonObject, so its objects are sized for what is added here.</summary>
    public static void Complete(PendingNode line, int index, DraftState state)
    {
        if (line.IndexOf("DetailType") < 0)
        {
            line.Set("DetailType", SalesItemLineDetail);
        }

        if (QboValueConverter.ReadString(line.Leaf("DetailType")) != SalesItemLineDetail || line.IndexOf("Amount") >= 0)
        {
            return;
        }

        if (line.ChildObject(SalesItemLineDetail) is not { } detail
            || !QboValueConverter.TryReadDecimal(detail.Leaf("UnitPrice"), out var unitPrice))
        {
            return;
        }

        if (!QboValueConverter.TryReadDecimal(detail.Leaf("Qty"), out var quantity))
        {
            quantity = 1m;
            detail.Set("Qty", JsonValue.Create(quantity));
        }
        try
        {
            // Adding 0.00m gives the amount exactly two decimals (6 → 6.00), as QBO shows money.
            line.Set("Amount", JsonValue.Create(Math.Round(quantity * unitPrice, 2, MidpointRounding.AwayFromZero) + 0.00m));
        }
        catch (OverflowException)
        {
            state.Error($"Line[{index}].Amount", MappingErrorCodes.InvalidValue, $"Line[{index}].Amount: Qty × UnitPrice is out of range");
        }
    }
}
