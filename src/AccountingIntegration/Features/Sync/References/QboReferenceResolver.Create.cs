using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Sync.References;

/// <summary>
/// Creating what QBO lacks (REFERENCE §4): customers by DisplayName (plus PrimaryEmailAddr for an e-mail, and a
/// CurrencyRef and the currency in the name for one in a foreign currency, <see cref="CustomerCurrency"/>), items as
/// Service items on the company's first income account. Every create carries a requestid stable per realm and name (and
/// currency), so the client's retries and other processes cannot create twice.
/// </summary>
internal sealed partial class QboReferenceResolver
{
    private async Task<string> CreateAsync(QboCredentials credentials, string entity, string value, string field, CustomerCurrency? currency, DirectoryIndex known,
        CancellationToken cancellationToken)
    {
        var payload = entity == ReferenceNames.Customer
            ? CustomerPayload(value, currency)
            : await ItemPayloadAsync(credentials, value, field, cancellationToken);
        try
        {
            var created = await qbo.CreateAsync(credentials, entity, payload, ReferenceNames.RequestId(credentials.RealmId, entity, value, currency), cancellationToken);
            known.Put(created);
            return (string?)created["Id"] ?? throw new QboApiException(new QboFault(QboErrorKind.Server, 200, $"QBO created a {entity} without an Id."));
        }
        catch (QboApiException e) when (e.Code == "6240")
        {
            // Another process created the same name first (or a vendor/employee holds it): use the
            // customer or item if there is one; otherwise QBO's own duplicate-name fault is the answer.
            var existing = await ReferenceLookup.FindAsync(qbo, credentials, entity, value, currency, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return existing;
        }
        catch (QboApiException e) when (e.Code == "610" && entity == ReferenceNames.Item)
        {
            // The cached income account was made inactive: look it up afresh on the next attempt.
            cache.Remove(ReferenceNames.IncomeAccountCacheKey(credentials.RealmId));
            throw;
        }
    }

    private static JsonObject CustomerPayload(string value, CustomerCurrency? currency)
    {
        var customer = new JsonObject { ["DisplayName"] = ReferenceNames.CustomerName(value, currency) };
        if (ReferenceNames.IsEmail(value))
        {
            customer["PrimaryEmailAddr"] = new JsonObject { ["Address"] = value };
        }

        if (currency is { IsForeign: true })
        {
            // A customer's currency is set when it is created, the home currency unless CurrencyRef names another.
            customer["CurrencyRef"] = new JsonObject { ["value"] = currency.Currency };
        }

        return customer;
    }

    private async Task<JsonObject> ItemPayloadAsync(QboCredentials credentials, string value, string field, CancellationToken cancellationToken) => new()
    {
        ["Name"] = ReferenceNames.QboName(value),
        ["Type"] = "Service",
        ["IncomeAccountRef"] = new JsonObject { ["value"] = await IncomeAccountAsync(credentials, field, cancellationToken) },
    };

    private async Task<string> IncomeAccountAsync(QboCredentials credentials, string field, CancellationToken cancellationToken)
    {
        var key = ReferenceNames.IncomeAccountCacheKey(credentials.RealmId);
        if (TryGetCached(key, out var cached))
        {
            return cached;
        }

        // A company without an active income account cannot have new items until someone adds one.
        var id = await ReferenceLookup.FindIncomeAccountAsync(qbo, credentials, cancellationToken)
            ?? throw new ReferenceNotFoundException("Account", "Income", field);
        Remember(key, id);
        return id;
    }
}
