using AccountingIntegration.Features.OperatorConsole.Pages.Sources;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// The source page's "event → document" table says what a cancellation can book: a refund that failed or a credit note
/// voided takes back its own documents and leaves the sale standing, which "the sale's document voided" alone denied.
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
}
