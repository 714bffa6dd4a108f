using System.Text.Json.Nodes;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The accounts the books post to besides income: Undeposited Funds (where received money waits for its
/// deposit, as QBO's own payment screens do it), and the liability accounts that the "Sales tax", "Gift
/// cards", "Customer balance" and merchant of record tax items must post to, because tax collected, gift cards sold and
/// customers' credit balances are owed, not earned, and tax a merchant of record collected is its to remit.
/// </summary>
internal sealed class BooksAccounts(QboClient qbo, IMemoryCache cache)
{
    public async Task<string> UndepositedFundsAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        await AccountAsync(credentials, "undeposited-funds", "AccountType = 'Other Current Asset'", name => name.Contains("undeposited", StringComparison.OrdinalIgnoreCase),
            cancellationToken) ?? throw new ReferenceNotFoundException("Account", "Undeposited Funds", "DepositToAccountRef");

    /// <summary>The tax liability account (Sales Tax Payable, GST/HST Payable, VAT Control…), if the company has one.</summary>
    public Task<string?> TaxLiabilityAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        AccountAsync(credentials, "tax-liability", "AccountType = 'Other Current Liability'", IsTaxLiability, cancellationToken);

    /// <summary>
    /// Whether an Other Current Liability account's name says it holds the company's own sales tax. The clearing account of tax
    /// a merchant of record collects says "tax" too, but that tax is the merchant of record's to remit; and payroll taxes are
    /// not collected on sales.
    /// </summary>
    internal static bool IsTaxLiability(string name) =>
        (name.Contains("tax", StringComparison.OrdinalIgnoreCase) || name.Contains("VAT", StringComparison.Ordinal) || name.Contains("GST", StringComparison.Ordinal))
        && !MerchantOfRecordTax.Matches(name)
        && !name.Contains("payroll", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A gift card sold is money owed until it is spent, and booked to income it would be counted as revenue when sold and
    /// again when redeemed (QBO's default US chart has no account for it).
    /// </summary>
    public static readonly Liability GiftCards = new("Gift Card Liability", "gift-card-liability",
        name => name.Contains("gift", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What a vendor holds for a customer (an overpayment kept as credit, Stripe's customer balance) is owed to the customer
    /// until it is spent on an invoice.
    /// </summary>
    public static readonly Liability CustomerBalances = new("Customer Balance Liability", "customer-balance-liability",
        name => name.Contains("customer balance", StringComparison.OrdinalIgnoreCase) || name.Contains("customer credit", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Tax a merchant of record collects: the vendor charged it to the buyer and keeps it from the payout to remit it (Paddle's
    /// statements show it as "Sales Taxes Withheld"). Booked to the company's own tax liability it would be declared and paid
    /// twice; booked to income, taxed as revenue. The payout's deposit, which takes the tax out of the money received, empties
    /// it.
    /// </summary>
    public static readonly Liability MerchantOfRecordTax = new("Tax Collected by Merchant of Record", "merchant-of-record-tax",
        name => name.Contains("merchant of record", StringComparison.OrdinalIgnoreCase));

    /// <summary>The company's active account for <paramref name="liability"/>, created when it has none.</summary>
    public async Task<string?> LiabilityAsync(QboCredentials credentials, Liability liability, CancellationToken cancellationToken) =>
        await FindAsync(credentials, liability, cancellationToken)
        ?? await CreateLiabilityAsync(credentials, liability, cancellationToken)
        ?? await FindAsync(credentials, liability, cancellationToken);

    private Task<string?> FindAsync(QboCredentials credentials, Liability liability, CancellationToken cancellationToken) =>
        AccountAsync(credentials, liability.Purpose, "AccountType = 'Other Current Liability'", liability.Matches, cancellationToken);

    private async Task<string?> CreateLiabilityAsync(QboCredentials credentials, Liability liability, CancellationToken cancellationToken)
    {
        try
        {
            // https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/account: Name and AccountType
            // are required; "OtherCurrentLiabilities" is the generic subtype of Other Current Liability.
            var created = await qbo.CreateAsync(credentials, "Account", new JsonObject
            {
                ["Name"] = liability.Name,
                ["AccountType"] = "Other Current Liability",
                ["AccountSubType"] = "OtherCurrentLiabilities",
            }, ReferenceNames.RequestId(credentials.RealmId, "Account", liability.Name), cancellationToken);
            if ((string?)created["Id"] is { } id)
            {
                cache.Set(CacheKey(credentials, liability.Purpose), id, AccountKnownFor);
                return id;
            }
        }
        catch (QboApiException e) when (e.Code == "6240")
        {
            // Created meanwhile by another worker (a duplicate name): the caller's lookup finds it.
        }

        return null;
    }

    private static readonly TimeSpan AccountKnownFor = TimeSpan.FromMinutes(30);

    private static string CacheKey(QboCredentials credentials, string purpose) => $"qbo-account:{credentials.RealmId}:{purpose}";

    private async Task<string?> AccountAsync(QboCredentials credentials, string purpose, string condition, Func<string, bool> matches, CancellationToken cancellationToken)
    {
        var key = CacheKey(credentials, purpose);
        if (cache.TryGetValue(key, out string? cached) && cached is not null)
        {
            return cached;
        }

        var accounts = (await qbo.QueryAsync(credentials, "Account", QboQuery.Select("Account", condition + " AND Active = true", 1, 1000), cancellationToken)).Items;
        var id = accounts.FirstOrDefault(a => matches((string?)a["Name"] ?? string.Empty)) is JsonObject account ? (string?)account["Id"] : null;
        if (id is not null)
        {
            cache.Set(key, id, AccountKnownFor);
        }

        return id;
    }
}

/// <summary>
/// A liability account the books post to and may create: its <paramref name="Name"/> when created, the
/// <paramref name="Purpose"/> it is cached under, and how an existing account's name is recognised.
/// </summary>
internal sealed record Liability(string Name, string Purpose, Func<string, bool> Matches);
