namespace AccountingIntegration.Books;

/// <summary>
/// Values a planned document leaves for the service to fill in when it books it, written <c>{{kind:name}}</c>
/// wherever QBO expects an id.
/// </summary>
public static class Placeholders
{
    /// <summary>The customer the sale is booked for (found or created from the buyer).</summary>
    public const string Customer = "{{customer}}";

    /// <summary>The id of the QBO item named or coded <paramref name="key"/> (found, or created when allowed).</summary>
    public static string Item(string key) => "{{item:" + key + "}}";

    public const string UndepositedFunds = "{{account:undeposited-funds}}";

    /// <summary>The id of the document booked with <paramref name="role"/> for the same sale (this plan's, or the ledger's).</summary>
    public static string Document(string role) => "{{doc:" + role + "}}";

    /// <summary>The customer of the document booked with <paramref name="role"/> (a refund is the sale customer's).</summary>
    public static string CustomerOf(string role) => "{{doc-customer:" + role + "}}";

    public static bool IsPlaceholder(string value) => value.StartsWith("{{", StringComparison.Ordinal) && value.EndsWith("}}", StringComparison.Ordinal);

    /// <summary>Splits <c>{{kind:name}}</c> into its kind and name (name empty for <c>{{customer}}</c>).</summary>
    public static (string Kind, string Name) Parse(string placeholder)
    {
        var inner = placeholder[2..^2];
        var colon = inner.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (inner, string.Empty) : (inner[..colon], inner[(colon + 1)..]);
    }
}
