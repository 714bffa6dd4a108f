using System.Text.Json.Nodes;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>What the books hold after random sales and refunds, held against what their vendor stated.</summary>
internal static class BooksHeld
{
    /// <summary>
    /// Passes when <paramref name="booked"/>, the tax on <paramref name="document"/> (a QBO <paramref name="entityType"/>), is the
    /// vendor's <paramref name="stated"/> tax; else, where QBO may round its own way
    /// (<paramref name="mayDiffer"/>), when it is at most a cent for each of the vendor's <paramref name="lines"/> away and the
    /// delivery's sync log says so (<c>TAX_DIFFERS</c>).
    /// </summary>
    public static void TaxIsTheStated(string entityType, JsonObject document, decimal booked, decimal stated, int lines, bool mayDiffer, Delivered settled, string shown)
    {
        if (booked == stated)
        {
            return;
        }

        Assert.True(mayDiffer && Math.Abs(booked - stated) <= 0.01m * lines, $"tax {booked} booked, {stated} stated ({shown}; document {document.ToJsonString()})");
        Assert.Contains($"TAX_DIFFERS: QBO's {entityType} {document["Id"]} carries {booked:0.00} of tax but the source says {stated:0.00}.",
            settled.Detail.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Nothing is left owed on A/R, Undeposited Funds hold the money <paramref name="received"/> (sales less refunds), and
    /// <paramref name="taxAccount"/> the tax the documents booked.
    /// </summary>
    public static async Task LedgerHoldsAsync(PipelineWorld world, decimal received, string taxAccount, decimal taxBooked)
    {
        var ledger = await world.LedgerAsync();
        Assert.Equal(0m, ledger.GetValueOrDefault("Accounts Receivable (A/R)"));
        Assert.Equal(received, ledger["Undeposited Funds"]);
        Assert.True(taxBooked == ledger.GetValueOrDefault(taxAccount),
            $"{taxAccount}: {ledger.GetValueOrDefault(taxAccount)} owed, {taxBooked} booked (ledger: {string.Join(", ", ledger.Select(a => $"{a.Key} {a.Value}"))})");
    }
}
