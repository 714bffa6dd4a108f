using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Sync.References;

/// <summary>
/// The queries that find an existing customer, item or income account (REFERENCE §2.5, §4). Only active
/// rows count: an invoice referencing an inactive one fails with 610.
/// </summary>
internal static class ReferenceLookup
{
    // Names are unique, so one row answers; e-mails and SKUs may repeat, and the oldest (lowest id) wins
    // among the first page so the same value keeps resolving to the same entity.
    private const int PageSize = 25;

    /// <summary>
    /// Customer: by PrimaryEmailAddr when the value may be an e-mail, then by DisplayName. With a currency, only a customer
    /// in it counts, and its name is the one for that currency ("Name (EUR)", <see cref="CustomerCurrency"/>).
    /// </summary>
    public static async Task<string?> FindCustomerAsync(QboClient qbo, QboCredentials credentials, string value, CustomerCurrency? currency,
        CancellationToken cancellationToken)
    {
        bool InCurrency(JsonObject customer) => currency is null || currency.Holds((string?)customer["CurrencyRef"]?["value"]);

        if (ReferenceNames.MayBeEmail(value)
            && await FirstIdAsync(qbo, credentials, "Customer", $"PrimaryEmailAddr = {QboQuery.Literal(value)}", cancellationToken, InCurrency) is { } byEmail)
        {
            return byEmail;
        }

        return await FirstIdAsync(qbo, credentials, "Customer", $"DisplayName = {QboQuery.Literal(ReferenceNames.CustomerName(value, currency))}", cancellationToken,
            InCurrency);
    }

    /// <summary>
    /// Item: by Name, then by Sku, because the shop templates send the SKU when there is one and a QBO item
    /// usually carries a human name with the SKU in its own field.
    /// </summary>
    public static async Task<string?> FindItemAsync(QboClient qbo, QboCredentials credentials, string value, CancellationToken cancellationToken) =>
        await FirstIdAsync(qbo, credentials, "Item", $"Name = {QboQuery.Literal(ReferenceNames.QboName(value))}", cancellationToken)
        ?? await FirstIdAsync(qbo, credentials, "Item", $"Sku = {QboQuery.Literal(value)}", cancellationToken);

    /// <summary>The company's first (lowest id) active Income account, for new items.</summary>
    public static Task<string?> FindIncomeAccountAsync(QboClient qbo, QboCredentials credentials, CancellationToken cancellationToken) =>
        FirstIdAsync(qbo, credentials, "Account", "AccountType = 'Income'", cancellationToken);

    public static Task<string?> FindAsync(QboClient qbo, QboCredentials credentials, string entityType, string value, CustomerCurrency? currency,
        CancellationToken cancellationToken) =>
        entityType == ReferenceNames.Customer
            ? FindCustomerAsync(qbo, credentials, value, currency, cancellationToken)
            : FindItemAsync(qbo, credentials, value, cancellationToken);

    private static async Task<string?> FirstIdAsync(QboClient qbo, QboCredentials credentials, string entity, string condition, CancellationToken cancellationToken,
        Func<JsonObject, bool>? fits = null)
    {
        var statement = QboQuery.Select(entity, condition + " AND Active = true", 1, PageSize);
        var page = await qbo.QueryAsync(credentials, entity, statement, cancellationToken);
        return page.Items
            .Where(item => fits is null || fits(item))
            .Select(item => Id(item))
            .Where(id => id is not null)
            .OrderBy(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue)
            .ThenBy(id => id, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static string? Id(JsonObject entity) => entity["Id"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;
}
