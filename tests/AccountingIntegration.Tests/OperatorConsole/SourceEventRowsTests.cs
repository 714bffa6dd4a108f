using AccountingIntegration.Features.OperatorConsole.Pages.Sources;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The source page's "event → document" table says what a cancellation can book: a refund that failed or a credit note
/// voided takes back its own documents and leaves the sale standing, which "the sale's document voided" alone denied; and
/// what a refund's money coming back books.
/// </summary>
public sealed class SourceEventRowsTests
{
    [Theory]
    [InlineData("refund.failed")]
    [InlineData("credit_note.voided")]
    [InlineData("invoice.voided")]
    public void StripeCancellations_NameEveryDocumentACancellationBooks(string eventType)
    {
        var row = Assert.Single(SourceEventRows.For("stripe", null), row => row.Event == eventType);

        Assert.Equal("cancellation", row.Meaning);
        Assert.Contains("The sale's document voided (unpaid)", row.Document, StringComparison.Ordinal);
        Assert.Contains("CreditMemo of what is still owed (paid in part)", row.Document, StringComparison.Ordinal);
        Assert.Contains("a failed refund's or voided credit's documents taken back", row.Document, StringComparison.Ordinal);
    }

    /// <summary>A dispute's funds reinstated are a refund's money coming back: a sales receipt, never the refund receipt its meaning's action names.</summary>
    [Fact]
    public void StripeFundsReinstated_SaysItBooksASalesReceipt()
    {
        var rows = SourceEventRows.For("stripe", null);

        var reinstated = Assert.Single(rows, row => row.Event == "charge.dispute.funds_reinstated");
        Assert.Equal("refund", reinstated.Meaning);
        Assert.StartsWith("SalesReceipt", reinstated.Document, StringComparison.Ordinal);
        Assert.StartsWith("RefundReceipt", Assert.Single(rows, row => row.Event == "charge.dispute.funds_withdrawn").Document, StringComparison.Ordinal);
    }
}
