using System.Text.Json.Nodes;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Webhooks.Processing;

/// <summary>
/// The currency of a mapped document (its <c>CurrencyRef.value</c>, as the layers mapped it) against the company's. A
/// company keeps foreign-currency transactions only with multicurrency on ("It must be enabled in order to track
/// transactions with currencies other than the company's home currency",
/// https://developer.intuit.com/app/developer/qbo/docs/workflows/manage-multiple-currencies): without it such a document
/// is refused here, naming the field, as the vendors' books refuse a foreign sale, rather than left to a QBO fault. With
/// it on, the document's customer must be one in its currency (<see cref="CustomerCurrency"/>). A custom mapping may
/// write the code as the source has it ("eur"); the document then carries it as QBO names its currencies, the ISO 4217
/// code in upper case (CompanyCurrency's Code, "A three letter string representing the ISO 4217 code for the currency",
/// https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/companycurrency), as the built-in
/// template and the vendors' books send it.
/// </summary>
internal sealed class MappedDocumentCurrency(CompanyRegimes regimes)
{
    public const string Field = "CurrencyRef.value";

    public async Task<MappedCurrency> ReadAsync(string organizationId, QboCredentials credentials, JsonObject document, CancellationToken cancellationToken)
    {
        if (document["CurrencyRef"] is not JsonObject reference || reference["value"] is not JsonValue value || !value.TryGetValue<string>(out var stated)
            || string.IsNullOrWhiteSpace(stated))
        {
            // No currency named: QBO books the document in its customer's currency, and any customer of the name will do.
            return MappedCurrency.Unstated;
        }

        var regime = await regimes.GetAsync(organizationId, credentials, cancellationToken);
        if (Refuses(regime.MultiCurrency, new CustomerCurrency(stated, regime.HomeCurrency))
            && await regimes.RereadAfterRefusalAsync(organizationId, credentials, cancellationToken) is { } reread)
        {
            // Multicurrency may have been turned on in QBO since the company was read, and the payload replayed.
            regime = reread;
        }

        var currency = new CustomerCurrency(stated, regime.HomeCurrency);
        reference["value"] = currency.Currency;
        return Refuses(regime.MultiCurrency, currency)
            ? new MappedCurrency(null, $"{Field}: The document is in {currency.Currency} but the company keeps its books in {currency.HomeCurrency} " +
                "and does not take foreign currency (multicurrency is off).")
            : new MappedCurrency(currency, null);
    }

    private static bool Refuses(bool multiCurrency, CustomerCurrency currency) => currency.IsForeign && !multiCurrency;
}

/// <summary>The currency the document's customer must have (null: the document names none), or why the document is refused.</summary>
internal sealed record MappedCurrency(CustomerCurrency? Customer, string? Refusal)
{
    public static readonly MappedCurrency Unstated = new(null, null);
}
