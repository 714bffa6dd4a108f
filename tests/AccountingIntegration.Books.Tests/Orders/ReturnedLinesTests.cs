namespace AccountingIntegration.Books.Tests.Orders;

/// <summary>
/// Refund lines that name the sold line they return and state no amount: worth their share of it, its tax too when the
/// refund states none; refused when the sale's lines are not at hand to say what that is.
/// </summary>
public sealed class ReturnedLinesTests
{
    private static readonly Sale Sold = new()
    {
        Currency = "JPY",
        Date = new DateOnly(2026, 3, 1),
        Customer = new Party(),
        Lines =
        [
            new SaleLine { SourceId = "l1", Description = "Tea set", ItemKey = "TEA-SET", Quantity = 3, UnitPrice = 1000m, Amount = 3000m, Discount = 100m, Tax = 290m, TaxRate = 0.10m },
        ],
        Total = 3190m,
    };

    [Fact]
    public void ALineWithoutAnAmount_IsWorthItsShareOfTheSoldLine_AndOfItsTax()
    {
        var (refund, problem) = ReturnedLines.OnTheSoldLines(Refund(taxStated: false), Sold);

        Assert.Null(problem);
        var line = Assert.Single(refund.Lines);
        // Two of three, less two thirds of the 100 discount, rounded to the yen: 1933; the tax two thirds of 290: 193.
        Assert.Equal(("TEA-SET", "Tea set", 1933m, 193m, 0.10m, false), (line.ItemKey, line.Description, line.Amount, line.Tax, line.TaxRate, line.WorthItsSoldLine));
        Assert.Equal((193m, true), (refund.Tax, refund.TaxStated));
    }

    [Fact]
    public void ARefundStatingItsTax_KeepsIt_AndTheLineTakesNone()
    {
        var (refund, _) = ReturnedLines.OnTheSoldLines(Refund(taxStated: true) with { Tax = 150m }, Sold);

        Assert.Equal((1933m, 0m), (refund.Lines[0].Amount, refund.Lines[0].Tax));
        Assert.Equal(150m, refund.Tax);
    }

    [Fact]
    public void ASaleWhoseLinesAreNotAtHand_IsAProblemNamingTheAmount()
    {
        var (_, problem) = ReturnedLines.OnTheSoldLines(Refund(taxStated: false), sold: null);

        Assert.Equal("refund.lines[0].amount", problem?.Field);
        Assert.Contains("the sale's lines are not at hand: state the amount returned", problem?.Message, StringComparison.Ordinal);
    }

    private static RefundInfo Refund(bool taxStated) => new()
    {
        RefundId = "re_1",
        Amount = 2126m,
        Currency = "",
        Date = new DateOnly(2026, 3, 9),
        Lines = [new SaleLine { SourceId = "l1", Description = "", Quantity = 2, UnitPrice = 0m, Amount = 0m, WorthItsSoldLine = true }],
        TaxStated = taxStated,
    };
}
