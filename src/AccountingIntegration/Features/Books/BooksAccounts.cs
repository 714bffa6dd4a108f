using System.Text.Json.Nodes;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The accounts the books post to besides income: Undeposited Funds (where received money waits for its
/// deposit, as QBO's own payment screens do it), and the liability accounts that the "Sales tax" and "Gift
/// cards" items must post to, because tax collected and gift cards sold are owed, not earned.
/// </summary>
internal sealed class BooksAccounts(QboClient qbo, IMemoryCache cache)
{
    public async Task<string> UndepositedFundsAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        await AccountAsync(credentials, "undeposited-funds", "AccountType = 'Other Current Asset'", name => name.Contains("undeposited", StringComparison.OrdinalIgnoreCase),
            cancellationToken) ?? throw new ReferenceNotFoundException("Account", "Undeposited Funds", "DepositToAccountRef");

    /// <summary>The tax liability account (Sales Tax Payable, GST/HST Payable, VAT Control…), if the company has one.</summary>
    public Task<string?> TaxLiabilityAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        AccountAsync(credentials, "tax-liability", "AccountType = 'Other Current Liability'",
            name => name.Contains("tax", StringComparison.OrdinalIgnoreCase) || name.Contains("VAT", StringComparison.Ordinal) || name.Contains("GST", StringComparison.Ordinal),
            cancellationToken);

    /// <summary>A gift card liability account, if the company has one.</summary>
    public Task<string?> GiftCardLiabilityAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        AccountAsync(credentials, "gift-card-liability", "AccountType = 'Other Current Liability'",
            name => name.Contains("gift", StringComparison.OrdinalIgnoreCase), cancellationToken);

    private async Task<string?> AccountAsync(QboCredentials credentials, string purpose, string condition, Func<string, bool> matches, CancellationToken cancellationToken)
    {
        var key = $"qbo-account:{credentials.RealmId}:{purpose}";
        if (cache.TryGetValue(key, out string? cached) && cached is not null)
        {
            return cached;
        }

        var accounts = (await qbo.QueryAsync(credentials, "Account", QboQuery.Select("Account", condition + " AND Active = true", 1, 1000), cancellationToken)).Items;
        var id = accounts.FirstOrDefault(a => matches((string?)a["Name"] ?? string.Empty)) is JsonObject account ? (string?)account["Id"] : null;
        if (id is not null)
        {
            cache.Set(key, id, TimeSpan.FromMinutes(30));
        }

        return id;
    }
}
