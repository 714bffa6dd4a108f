using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Features.Sync.References;

/// <summary>How a lookup value becomes a QBO name, a cache key and a create requestid.</summary>
internal static class ReferenceNames
{
    public const string Customer = "Customer";
    public const string Item = "Item";

    /// <summary>QBO's limit on a customer's DisplayName (REFERENCE §4.1).</summary>
    public const int MaxDisplayNameLength = 500;

    /// <summary>The entity as the mapping's <c>resolve:</c> step names it; anything else is a caller bug.</summary>
    public static string Canonical(string entityType) =>
        string.Equals(entityType, Customer, StringComparison.OrdinalIgnoreCase) ? Customer
        : string.Equals(entityType, Item, StringComparison.OrdinalIgnoreCase) ? Item
        : throw new ArgumentException($"Only {Customer} and {Item} references are resolved, not '{entityType}'.", nameof(entityType));

    /// <summary>
    /// The DisplayName or item Name for a value. QBO refuses ':' in names (it separates sub-customers and
    /// sub-items), so it becomes '-'. The typographic apostrophe becomes a plain one because QBO's query
    /// lexer cannot express it: a name stored with it could never be found again.
    /// </summary>
    public static string QboName(string value) =>
        value.Trim().Replace(':', '-').Replace('\u2019', '\'');

    /// <summary>
    /// A customer's DisplayName: the name, then each qualifier in parentheses ("Name (jane@example.com) (EUR)"), within
    /// QBO's 500 characters (the reported length of Customer.DisplayName, REFERENCE §4.1; a longer one is refused). A
    /// longer one loses the end of its name, never a qualifier, so the customers the qualifiers keep apart stay apart; both
    /// the vendors' books and the mapped documents name customers so, and a name is found again as it was created.
    /// </summary>
    public static string CustomerDisplayName(string name, params IEnumerable<string?> qualifiers)
    {
        var suffix = string.Concat(qualifiers.Where(q => !string.IsNullOrEmpty(q)).Select(q => $" ({q})"));
        var room = Math.Max(0, MaxDisplayNameLength - suffix.Length);
        return Shorten(name, room) + suffix;
    }

    /// <summary>The DisplayName of the customer a mapped document names by <paramref name="value"/>, in its currency when it states one.</summary>
    public static string CustomerName(string value, CustomerCurrency? currency) =>
        currency?.DisplayName(QboName(value)) ?? CustomerDisplayName(QboName(value));

    /// <summary>
    /// At most <paramref name="length"/> characters, never half a surrogate pair, and no trailing space (QBO trims one
    /// from a name it stores, and the name must be found again as it is sent).
    /// </summary>
    private static string Shorten(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..cut].TrimEnd();
    }

    /// <summary>Values QBO would treat as the same name (it compares names case-insensitively) share a key.</summary>
    public static string Normalize(string value) => QboName(value).ToLowerInvariant();

    /// <summary>
    /// A customer wanted in a currency is its own entry: the home-currency customer of a name must not answer for a
    /// document in euros, nor the other way round. Without a currency (a document that names none) the key is the name's.
    /// </summary>
    public static string CacheKey(string realmId, string entityType, string value, CustomerCurrency? currency = null) =>
        currency is null ? $"qbo-ref:{realmId}:{entityType}:{Normalize(value)}" : $"qbo-ref:{realmId}:{entityType}:{currency.Currency}:{Normalize(value)}";

    public static string IncomeAccountCacheKey(string realmId) => $"qbo-ref:{realmId}:income-account";

    /// <summary>
    /// Stable per realm, entity and name (and currency, for a foreign-currency customer), so a create retried after a lost
    /// answer, by this process or another, is answered with the first create (REFERENCE §2.4), and a customer in euros is
    /// never answered with the home-currency one of the same name. 44 characters, within QBO's 50.
    /// </summary>
    public static string RequestId(string realmId, string entityType, string value, CustomerCurrency? currency = null)
    {
        var foreign = currency is { IsForeign: true } ? "\n" + currency.Currency : string.Empty;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{realmId}\n{entityType}\n{Normalize(value)}{foreign}"));
        return "ref-" + Convert.ToHexStringLower(hash)[..40];
    }

    /// <summary>Lookups by e-mail are cheap to try, so any '@' triggers one.</summary>
    public static bool MayBeEmail(string value) => value.Contains('@', StringComparison.Ordinal);

    /// <summary>Only a well-formed address is stored as PrimaryEmailAddr, which QBO validates.</summary>
    public static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && string.Equals(address.Address, value, StringComparison.Ordinal);
}
