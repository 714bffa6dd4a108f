using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// Fills a planned document's placeholders with QBO ids: the customer (found or created from the buyer), items
/// (found by name or SKU, created when the organization allows; the tax and gift-card items on their liability
/// accounts), Undeposited Funds, and the documents booked before it for the same sale.
/// </summary>
internal sealed class DocumentReferences(CustomerFinder customers, QboReferenceResolver items, BooksAccounts accounts, QboClient qbo, IMemoryCache cache)
{
    /// <summary>How long a company's liability item is taken as present: a read per document would be metered (issue: ≤ 0.05 reads a document).</summary>
    private static readonly TimeSpan LiabilityItemKnownFor = TimeSpan.FromMinutes(30);

    /// <summary>Fills <paramref name="body"/> in place; returns the customer id it used, if any.</summary>
    public async Task<string?> FillAsync(JsonObject body, BookingContext context, IReadOnlyDictionary<string, BookedDocument> booked, CancellationToken cancellationToken)
    {
        string? customerId = null;
        foreach (var (node, placeholder) in Find(body))
        {
            var (kind, name) = Placeholders.Parse(placeholder);
            var id = kind switch
            {
                "customer" => customerId ??= await CustomerAsync(context, cancellationToken),
                "doc-customer" => customerId ??= await SaleCustomerAsync(context, booked, cancellationToken),
                "item" => await ItemAsync(context, name, cancellationToken),
                "account" => await accounts.UndepositedFundsAsync(context.Credentials, cancellationToken),
                "doc" => DocumentId(context, booked, name),
                _ => throw new InvalidOperationException($"Unknown placeholder {placeholder}."),
            };
            node.ReplaceWith(JsonValue.Create(id));
        }

        return customerId;
    }

    private Task<string> CustomerAsync(BookingContext context, CancellationToken cancellationToken)
    {
        var sourceEvent = context.Event;
        var party = sourceEvent.Sale?.Customer ?? sourceEvent.Payment?.Payer ?? new Party();
        var currency = sourceEvent.Sale?.Currency ?? sourceEvent.Payment?.Currency ?? context.Regime.HomeCurrency;
        return customers.FindOrCreateAsync(context.Credentials, new CustomerRequest(
            party, currency, context.Regime.HomeCurrency, context.Settings.FallbackCustomer ?? OrganizationBooksSettings.DefaultFallbackCustomer,
            VendorLabel(sourceEvent.Vendor), context.Policy.CreateCustomers), cancellationToken);
    }

    /// <summary>The customer of the sale's document: from the ledger, else from the document itself.</summary>
    private async Task<string> SaleCustomerAsync(BookingContext context, IReadOnlyDictionary<string, BookedDocument> booked, CancellationToken cancellationToken)
    {
        if (context.Sale?.CustomerId is { } known)
        {
            return known;
        }

        var (type, id) = SaleOf(context, booked);
        if (id is null)
        {
            throw new InvalidOperationException("No sale to take the customer from.");
        }

        var document = await qbo.ReadAsync(context.Credentials, type, id, cancellationToken);
        return (string?)document?["CustomerRef"]?["value"] ?? throw new InvalidOperationException($"{type} {id} has no customer.");
    }

    /// <summary>The sale's document: booked by this attempt, else on record; its id null when there is none.</summary>
    private static (string Type, string? Id) SaleOf(BookingContext context, IReadOnlyDictionary<string, BookedDocument> booked) =>
        booked.TryGetValue(DocumentPlanner.SaleRole, out var sale) ? (sale.QboType, sale.QboId) : (context.Sale?.QboType ?? "Invoice", context.Sale?.QboId);

    /// <summary>
    /// The ship-to address of the sale a refund gives money back on, for a company with automated sales tax. AST taxes a
    /// document at its ShipAddr, or at the company's own address when it has none (Intuit, "Manage sales tax for US
    /// locales": "If a shipping address is not provided, the company address is considered as the destination
    /// address"), so a refund whose vendor states no address (Shopify's refunds carry none) would give its tax back to
    /// the company's own state rather than the one the sale was taxed for. One read of the sale; null when it has none.
    /// </summary>
    public async Task<JsonNode?> SaleShipToAsync(BookingContext context, IReadOnlyDictionary<string, BookedDocument> booked, CancellationToken cancellationToken)
    {
        var (type, id) = SaleOf(context, booked);
        if (id is null)
        {
            return null;
        }

        var document = await qbo.ReadAsync(context.Credentials, type, id, cancellationToken);
        return document?["ShipAddr"]?.DeepClone();
    }

    private async Task<string> ItemAsync(BookingContext context, string key, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        if (key == settings.SalesTaxItem || key == settings.GiftCardItem || key == settings.CustomerBalanceItem || key == settings.MerchantOfRecordTaxItem)
        {
            await EnsureLiabilityItemAsync(context, key, cancellationToken);
        }

        return await items.ResolveAsync(context.Credentials, "Item", key, context.Policy, "Line[].SalesItemLineDetail.ItemRef.value", cancellationToken);
    }

    /// <summary>
    /// Tax collected, gift cards sold and customers' credit balances are owed, and tax a merchant of record collected is its
    /// to remit: their item posts to the company's liability account when it has one (a gift card, customer balance or
    /// merchant of record tax account is created when it has none).
    /// Once found or created, the item is not looked for again for a while: every taxed order would otherwise spend a
    /// metered read on it.
    /// </summary>
    private async Task EnsureLiabilityItemAsync(BookingContext context, string name, CancellationToken cancellationToken)
    {
        var credentials = context.Credentials;
        var key = $"qbo-liability-item:{credentials.RealmId}:{name}";
        if (!context.Policy.CreateItems || cache.TryGetValue(key, out _))
        {
            return;
        }

        if (await ReferenceLookup.FindItemAsync(qbo, credentials, name, cancellationToken) is not null)
        {
            cache.Set(key, true, LiabilityItemKnownFor);
            return;
        }

        var account = await LiabilityAccountAsync(context.Settings, name, credentials, cancellationToken);
        if (account is null)
        {
            // No liability account: the item is resolved like any other, and need not be looked for again.
            cache.Set(key, true, LiabilityItemKnownFor);
            return;
        }

        try
        {
            await qbo.CreateAsync(credentials, "Item", new JsonObject
            {
                ["Name"] = ReferenceNames.QboName(name),
                ["Type"] = "Service",
                ["IncomeAccountRef"] = new JsonObject { ["value"] = account },
            }, ReferenceNames.RequestId(credentials.RealmId, "Item", name), cancellationToken);
        }
        catch (QboApiException e) when (e.Code == "6240")
        {
            // Created meanwhile by another worker: the lookup that follows finds it.
        }

        cache.Set(key, true, LiabilityItemKnownFor);
    }

    /// <summary>The liability account the item <paramref name="name"/> posts to (found, or created where the books may create one).</summary>
    private async Task<string?> LiabilityAccountAsync(BookingSettings settings, string name, QboCredentials credentials, CancellationToken cancellationToken) =>
        name == settings.SalesTaxItem
            ? await accounts.TaxLiabilityAsync(credentials, cancellationToken)
            : await accounts.LiabilityAsync(credentials, name == settings.CustomerBalanceItem ? BooksAccounts.CustomerBalances
                : name == settings.MerchantOfRecordTaxItem ? BooksAccounts.MerchantOfRecordTax
                : BooksAccounts.GiftCards, cancellationToken);

    private static string DocumentId(BookingContext context, IReadOnlyDictionary<string, BookedDocument> booked, string role) =>
        booked.TryGetValue(role, out var document) ? document.QboId
        : role == DocumentPlanner.SaleRole && context.Sale is { } sale ? sale.QboId
        : throw new InvalidOperationException($"The plan names the {role} document before it was booked.");

    /// <summary>Every placeholder string in the body, with the node that holds it.</summary>
    private static List<(JsonNode Node, string Placeholder)> Find(JsonNode node)
    {
        var found = new List<(JsonNode, string)>();
        Walk(node, found);
        return found;
    }

    private static void Walk(JsonNode? node, List<(JsonNode, string)> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    Walk(child, found);
                }

                break;
            case JsonArray array:
                foreach (var child in array.ToList())
                {
                    Walk(child, found);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && Placeholders.IsPlaceholder(text):
                found.Add((value, text));
                break;
        }
    }

    private static string VendorLabel(string vendor) => vendor switch
    {
        "woocommerce" => "WooCommerce",
        "paypal" => "PayPal",
        _ => vendor.Length > 0 ? char.ToUpperInvariant(vendor[0]) + vendor[1..] : vendor,
    };
}
