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

    /// <summary>
    /// Two of the three sets back are a part of their sold line, whose tax is a share of the line's; all three back are the
    /// whole line, which goes back at its amount and the tax QBO took on it.
    /// </summary>
    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void FewerUnitsBackThanSold_AreAPartOfTheirSoldLine(int returned, bool part)
    {
        var refund = Refund(taxStated: false);
        var (named, _) = ReturnedLines.OnTheSoldLines(refund with { Lines = [refund.Lines[0] with { Quantity = returned }] }, Sold);

        Assert.Equal(part, Assert.Single(named.Lines).PartOfItsSoldLine);
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

    /// <summary>
    /// 2900 charged for the tea set after its own discount and 1000 for the cups: the order's 390 discount is 290 on the set and
    /// 100 on the cups, as the sale's document splits it. Two of three sets returned: two thirds of 2610, 1740; their tax two
    /// thirds of the 261 the line states.
    /// </summary>
    [Fact]
    public void ALineOfAnOrderWithADiscount_IsWorthItsShareLessItsPartOfTheDiscount()
    {
        var discounted = Sold with
        {
            Lines =
            [
                Sold.Lines[0] with { Tax = 261m },
                new SaleLine { SourceId = "l2", Description = "Cups", ItemKey = "CUPS", Quantity = 4, UnitPrice = 250m, Amount = 1000m, Tax = 90m, TaxRate = 0.10m },
            ],
            OrderDiscount = 390m,
            Total = 3861m,
        };

        var (refund, problem) = ReturnedLines.OnTheSoldLines(Refund(taxStated: false), discounted);

        Assert.Null(problem);
        Assert.Equal((1740m, 174m), (refund.Lines[0].Amount, refund.Lines[0].Tax));
    }

    /// <summary>
    /// A US order whose lines state no tax, its 8.25 % stated once for the order: a mug of two returned is 10.00, and the
    /// 0.83 of tax charged on it (8.25 % of 10.00, rounded) comes back with it.
    /// </summary>
    [Fact]
    public void ALineWhoseTaxIsStatedForTheWholeOrder_TakesItsShareAtTheOrdersRate()
    {
        var sold = TaxedForTheOrder("USD", [Mugs], [new TaxLine("CA State", 0.0725m, 1.45m), new TaxLine("San Francisco", 0.01m, 0.20m)], total: 21.65m);
        var oneMug = OneOf("mugs", 10.83m, "USD");

        var (refund, problem) = ReturnedLines.OnTheSoldLines(oneMug, sold);

        Assert.Null(problem);
        Assert.Equal((10.00m, 0.83m), (refund.Lines[0].Amount, refund.Lines[0].Tax));
        Assert.Equal((0.83m, true), (refund.Tax, refund.TaxStated));
    }

    /// <summary>A VAT-inclusive order taxed at 20 % for the whole order: a towel of 12.00 returned gives back the 2.00 inside it.</summary>
    [Fact]
    public void ALineOfAVatInclusiveOrder_TakesTheTaxInsideItsShare()
    {
        var towels = new SaleLine { SourceId = "towels", Description = "Towel", ItemKey = "TOWEL", Quantity = 3, UnitPrice = 12m, Amount = 36m };
        var sold = TaxedForTheOrder("GBP", [towels], [new TaxLine("VAT", 0.20m, 6.00m)], total: 36m) with { PricesIncludeTax = true };
        var oneTowel = OneOf("towels", 12m, "GBP");

        var (refund, _) = ReturnedLines.OnTheSoldLines(oneTowel, sold);

        Assert.Equal((12.00m, 2.00m), (refund.Lines[0].Amount, refund.Lines[0].Tax));
    }

    /// <summary>An untaxed line takes no tax, whatever the order's rate.</summary>
    [Fact]
    public void AnUntaxedLine_TakesNoTaxAtTheOrdersRate()
    {
        var book = new SaleLine { SourceId = "book", Description = "Book", ItemKey = "BOOK", Quantity = 1, UnitPrice = 15m, Amount = 15m, Taxable = false };
        var sold = TaxedForTheOrder("USD", [Mugs, book], [new TaxLine("CA State", 0.0825m, 1.65m)], total: 36.65m);
        var theBook = OneOf("book", 15m, "USD");

        var (refund, _) = ReturnedLines.OnTheSoldLines(theBook, sold);

        Assert.Equal((15m, 0m), (refund.Lines[0].Amount, refund.Lines[0].Tax));
        Assert.False(refund.TaxStated);
    }

    private static readonly SaleLine Mugs = new() { SourceId = "mugs", Description = "Mug", ItemKey = "MUG", Quantity = 2, UnitPrice = 10m, Amount = 20m };

    /// <summary>A sale whose lines state no tax, its tax stated for the whole order.</summary>
    private static Sale TaxedForTheOrder(string currency, IReadOnlyList<SaleLine> lines, IReadOnlyList<TaxLine> taxes, decimal total) => new()
    {
        Currency = currency,
        Date = new DateOnly(2026, 3, 1),
        Customer = new Party(),
        Lines = lines,
        Taxes = taxes,
        Total = total,
    };

    /// <summary>A refund of <paramref name="amount"/>, stating no tax, of one of line <paramref name="lineId"/>, its amount left to the line.</summary>
    private static RefundInfo OneOf(string lineId, decimal amount, string currency) =>
        Refund(taxStated: false) with { Amount = amount, Currency = currency, Lines = [Refund(taxStated: false).Lines[0] with { SourceId = lineId, Quantity = 1 }] };

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
