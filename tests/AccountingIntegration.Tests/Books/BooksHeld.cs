using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
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
    /// The <paramref name="entityType"/> that <paramref name="settled"/> booked comes to <paramref name="total"/> and carries the
    /// vendor's <paramref name="stated"/> tax (<see cref="TaxIsTheStated"/>; where <paramref name="qboTaxes"/>, QBO's tax on it).
    /// Returns the tax it booked.
    /// </summary>
    public static decimal Booked(PipelineWorld world, string entityType, Delivered settled, decimal total, decimal stated, int lines, bool qboTaxes, bool mayDiffer,
        string shown)
    {
        Assert.True(settled.Status == PayloadStatus.Succeeded, $"{settled} ({shown})");
        var document = Assert.Single(world.Entities(entityType), d => (string?)d["Id"] == settled.DocumentId);
        return Carries(entityType, document, total, stated, lines, qboTaxes, mayDiffer, settled, shown);
    }

    /// <summary>
    /// A sale of <paramref name="total"/> cancelled owing <paramref name="owed"/> after a deposit: its invoice (booked by
    /// <paramref name="sale"/>) owes nothing, and a credit memo of what it owed carries the tax the deposit's share of each of
    /// the sale's <paramref name="taxes"/> leaves, as a refund of the deposit would take it (where <paramref name="qboTaxes"/>,
    /// QBO's tax on the credit, which <paramref name="mayDiffer"/> by a cent a line, noted). Returns the tax the credit booked.
    /// </summary>
    public static decimal CreditedTheRest(PipelineWorld world, Delivered sale, Delivered cancelled, decimal owed, decimal total, IEnumerable<decimal> taxes,
        int lines, bool qboTaxes, bool mayDiffer, string shown)
    {
        Assert.True(cancelled.Status == PayloadStatus.Succeeded, $"{cancelled} ({shown})");
        var invoice = Assert.Single(world.Entities("Invoice"), d => (string?)d["Id"] == sale.DocumentId);
        Assert.True((decimal)invoice["Balance"]! == 0m, $"invoice owes {invoice["Balance"]} ({shown}; invoice {invoice.ToJsonString()})");
        var credit = Assert.Single(world.Entities("CreditMemo"), d => (string?)d["CustomerRef"]!["value"] == (string?)invoice["CustomerRef"]!["value"]);
        var stated = taxes.Sum(tax => tax - Math.Round(tax * (total - owed) / total, 2, MidpointRounding.AwayFromZero));
        return Carries("CreditMemo", credit, owed, stated, lines, qboTaxes, mayDiffer, cancelled, shown);
    }

    private static decimal Carries(string entityType, JsonObject document, decimal total, decimal stated, int lines, bool qboTaxes, bool mayDiffer, Delivered settled, string shown)
    {
        Assert.True(total == (decimal)document["TotalAmt"]!, $"{entityType} of {document["TotalAmt"]}, not {total} ({shown}; document {document.ToJsonString()})");
        var booked = qboTaxes ? (decimal?)document["TxnTaxDetail"]?["TotalTax"] ?? 0m : stated;
        TaxIsTheStated(entityType, document, booked, stated, lines, mayDiffer, settled, shown);
        return booked;
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
