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
        AccountAsync(credentials, "tax-liability", "AccountType = 'Other Current Liability'",
            name => name.Contains("tax", StringComparison.OrdinalIgnoreCase) || name.Contains("VAT", StringComparison.Ordinal) || name.Contains("GST", StringComparison.Ordinal),
            cancellationToken);

    /// <summary>A gift card liability account, if the company has one.</summary>
    public Task<string?> GiftCardLiabilityAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        AccountAsync(credentials, GiftCardLiabilityPurpose, "AccountType = 'Other Current Liability'",
            name => name.Contains("gift", StringComparison.OrdinalIgnoreCase), cancellationToken);

    /// <summary>
    /// Creates the gift card liability account a company lacks (QBO's default US chart has none): a gift card sold is money
    /// owed until it is spent, and booked to income it would be counted as revenue when sold and again when redeemed.
    /// </summary>
    public async Task<string?> CreateGiftCardLiabilityAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        await CreateLiabilityAsync(credentials, GiftCardLiabilityName, GiftCardLiabilityPurpose, cancellationToken)
        ?? await GiftCardLiabilityAsync(credentials, cancellationToken);

    /// <summary>A liability account for customers' credit balances with a vendor, if the company has one.</summary>
    public Task<string?> CustomerBalanceLiabilityAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        AccountAsync(credentials, CustomerBalanceLiabilityPurpose, "AccountType = 'Other Current Liability'",
            name => name.Contains("customer balance", StringComparison.OrdinalIgnoreCase) || name.Contains("customer credit", StringComparison.OrdinalIgnoreCase),
            cancellationToken);

    /// <summary>
    /// Creates the liability account for customers' credit balances a company lacks: what a vendor holds for a customer (an
    /// overpayment kept as credit, Stripe's customer balance) is owed to the customer until it is spent on an invoice.
    /// </summary>
    public async Task<string?> CreateCustomerBalanceLiabilityAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        await CreateLiabilityAsync(credentials, CustomerBalanceLiabilityName, CustomerBalanceLiabilityPurpose, cancellationToken)
        ?? await CustomerBalanceLiabilityAsync(credentials, cancellationToken);

    /// <summary>The clearing account for tax a merchant of record collects and remits (Paddle's), if the company has one.</summary>
    public Task<string?> MerchantOfRecordTaxAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        AccountAsync(credentials, MerchantOfRecordTaxPurpose, "AccountType = 'Other Current Liability'",
            name => name.Contains("merchant of record", StringComparison.OrdinalIgnoreCase), cancellationToken);

    /// <summary>
    /// Creates the clearing account for tax a merchant of record collects: the vendor charged it to the buyer and keeps it from
    /// the payout to remit it (Paddle's statements show it as "Sales Taxes Withheld"). Booked to the company's own tax
    /// liability it would be declared and paid twice; booked to income, taxed as revenue. The payout's deposit, which takes
    /// the tax out of the money received, empties it.
    /// </summary>
    public async Task<string?> CreateMerchantOfRecordTaxAsync(QboCredentials credentials, CancellationToken cancellationToken) =>
        await CreateLiabilityAsync(credentials, MerchantOfRecordTaxName, MerchantOfRecordTaxPurpose, cancellationToken)
        ?? await MerchantOfRecordTaxAsync(credentials, cancellationToken);

    private async Task<string?> CreateLiabilityAsync(QboCredentials credentials, string name, string purpose, CancellationToken cancellationToken)
    {
        try
        {
            // https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/account: Name and AccountType
            // are required; "OtherCurrentLiabilities" is the generic subtype of Other Current Liability.
            var created = await qbo.CreateAsync(credentials, "Account", new JsonObject
            {
                ["Name"] = name,
                ["AccountType"] = "Other Current Liability",
                ["AccountSubType"] = "OtherCurrentLiabilities",
            }, ReferenceNames.RequestId(credentials.RealmId, "Account", name), cancellationToken);
            if ((string?)created["Id"] is { } id)
            {
                cache.Set(CacheKey(credentials, purpose), id, AccountKnownFor);
                return id;
            }
        }
        catch (QboApiException e) when (e.Code == "6240")
        {
            // Created meanwhile by another worker (a duplicate name): the caller's lookup finds it.
        }

        return null;
    }

    private const string GiftCardLiabilityName = "Gift Card Liability";
    private const string GiftCardLiabilityPurpose = "gift-card-liability";
    private const string CustomerBalanceLiabilityName = "Customer Balance Liability";
    private const string CustomerBalanceLiabilityPurpose = "customer-balance-liability";
    private const string MerchantOfRecordTaxName = "Tax Collected by Merchant of Record";
    private const string MerchantOfRecordTaxPurpose = "merchant-of-record-tax";
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
