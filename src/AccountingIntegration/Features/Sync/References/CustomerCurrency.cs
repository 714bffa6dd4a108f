namespace AccountingIntegration.Features.Sync.References;

/// <summary>
/// The currency a customer must have for a document, and the company's home currency. A QBO customer has one currency,
/// fixed when it is created (the home currency unless its CurrencyRef names another: "Once set, it cannot be changed",
/// https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/customer), and a transaction's
/// CurrencyRef is "the currency in which all amounts on the associated transaction are expressed"
/// (https://developer.intuit.com/app/developer/qbo/docs/workflows/manage-multiple-currencies), so a document in euros
/// needs a customer in euros. The same buyer in another currency is a customer of its own, named "Name (EUR)": a
/// DisplayName is unique across customers, vendors and employees (REFERENCE §4.1). Both the vendors' books and the
/// mapped documents name and find customers by this rule, so each finds the other's.
/// </summary>
internal sealed record CustomerCurrency
{
    public CustomerCurrency(string currency, string homeCurrency)
    {
        Currency = currency.Trim().ToUpperInvariant();
        HomeCurrency = homeCurrency.Trim().ToUpperInvariant();
    }

    /// <summary>ISO 4217, upper case.</summary>
    public string Currency { get; }

    public string HomeCurrency { get; }

    public bool IsForeign => Currency != HomeCurrency;

    /// <summary>
    /// The DisplayName of the customer called <paramref name="name"/> in this currency: the name itself at home, "Name (EUR)"
    /// abroad; with a <paramref name="variant"/> that tells namesakes apart, "Name (variant) (EUR)". Within QBO's length
    /// (<see cref="ReferenceNames.CustomerDisplayName"/>).
    /// </summary>
    public string DisplayName(string name, string? variant = null) =>
        ReferenceNames.CustomerDisplayName(name, variant, IsForeign ? Currency : null);

    /// <summary>Whether a customer whose CurrencyRef is <paramref name="customerCurrency"/> is in this currency; none means home (QBO's default).</summary>
    public bool Holds(string? customerCurrency) =>
        (customerCurrency ?? HomeCurrency).Trim().Equals(Currency, StringComparison.OrdinalIgnoreCase);
}
