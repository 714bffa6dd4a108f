namespace QboSandbox.Tests.Support;

/// <summary>Request bodies used across tests.</summary>
internal static class Invoices
{
    /// <summary>REFERENCE §3.1's minimal invoice.</summary>
    public const string Minimal = """
        {"Line":[{"DetailType":"SalesItemLineDetail","Amount":100.0,
                  "SalesItemLineDetail":{"ItemRef":{"value":"1","name":"Services"}}}],
         "CustomerRef":{"value":"1"}}
        """;

    public static string WithDocNumber(string docNumber) => """
        {"DocNumber":"#DOC#","Line":[{"DetailType":"SalesItemLineDetail","Amount":10.0,
          "SalesItemLineDetail":{"ItemRef":{"value":"1"}}}],"CustomerRef":{"value":"1"}}
        """.Replace("#DOC#", docNumber, StringComparison.Ordinal);

    public static string WithLine(string amount, string qty, string unitPrice) => """
        {"Line":[{"DetailType":"SalesItemLineDetail","Amount":#AMOUNT#,
          "SalesItemLineDetail":{"ItemRef":{"value":"1"},"Qty":#QTY#,"UnitPrice":#PRICE#}}],"CustomerRef":{"value":"1"}}
        """.Replace("#AMOUNT#", amount, StringComparison.Ordinal)
        .Replace("#QTY#", qty, StringComparison.Ordinal)
        .Replace("#PRICE#", unitPrice, StringComparison.Ordinal);
}
