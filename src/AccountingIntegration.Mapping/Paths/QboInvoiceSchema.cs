using System.Collections.Frozen;

namespace AccountingIntegration.Mapping;

/// <summary>
/// The invoice fields a mapping may write (QBO reference §3). Patterns write indexes as <c>[]</c>:
/// <c>Line[]</c> is filled per line, <c>CustomField[]</c> takes an explicit index such as <c>CustomField[0]</c>.
/// An unknown path is rejected when a layer is saved, so a typo cannot silently drop a field.
/// </summary>
internal static class QboInvoiceSchema
{
    public const string LineField = "Line";
    public const string LinePrefix = "Line[]";

    private static readonly string[] AddressParts =
        ["Line1", "Line2", "Line3", "Line4", "Line5", "City", "Country", "CountrySubDivisionCode", "PostalCode"];

    private static readonly FrozenDictionary<string, QboFieldInfo> Fields = Build();

    public static bool TryGet(string pattern, out QboFieldInfo info) => Fields.TryGetValue(pattern, out info!);

    public static IEnumerable<string> Patterns => Fields.Keys.Order(StringComparer.Ordinal);

    private static FrozenDictionary<string, QboFieldInfo> Build()
    {
        var fields = new List<QboFieldInfo>
        {
            new("DocNumber", QboFieldType.String, 21),
            new("TxnDate", QboFieldType.Date),
            new("DueDate", QboFieldType.Date),
            new("ShipDate", QboFieldType.Date),
            new("PrivateNote", QboFieldType.String, 4000),
            new("CustomerMemo.value", QboFieldType.String, 1000),
            new("BillEmail.Address", QboFieldType.String, 100),
            new("BillEmailCc.Address", QboFieldType.String, 100),
            new("BillEmailBcc.Address", QboFieldType.String, 100),
            new("EmailStatus", QboFieldType.String),
            new("PrintStatus", QboFieldType.String),
            new("GlobalTaxCalculation", QboFieldType.String),
            new("ApplyTaxAfterDiscount", QboFieldType.Boolean),
            new("AllowOnlineCreditCardPayment", QboFieldType.Boolean),
            new("AllowOnlineACHPayment", QboFieldType.Boolean),
            new("ExchangeRate", QboFieldType.Decimal),
            new("Deposit", QboFieldType.Decimal),
            new("TrackingNum", QboFieldType.String),
            new("TxnTaxDetail.TotalTax", QboFieldType.Decimal),
            new("CustomField[].DefinitionId", QboFieldType.String),
            new("CustomField[].Name", QboFieldType.String),
            new("CustomField[].Type", QboFieldType.String),
            new("CustomField[].StringValue", QboFieldType.String),
            new("Line[].Amount", QboFieldType.Decimal),
            new("Line[].Description", QboFieldType.String, 4000),
            new("Line[].DetailType", QboFieldType.String),
            new("Line[].LineNum", QboFieldType.Integer),
            new("Line[].SalesItemLineDetail.Qty", QboFieldType.Decimal),
            new("Line[].SalesItemLineDetail.UnitPrice", QboFieldType.Decimal),
            new("Line[].SalesItemLineDetail.ServiceDate", QboFieldType.Date),
            new("Line[].SalesItemLineDetail.DiscountAmt", QboFieldType.Decimal),
            new("Line[].SalesItemLineDetail.DiscountRate", QboFieldType.Decimal),
            new("Line[].SalesItemLineDetail.TaxInclusiveAmt", QboFieldType.Decimal),
            new("Line[].DescriptionLineDetail.ServiceDate", QboFieldType.Date),
            new("Line[].DiscountLineDetail.PercentBased", QboFieldType.Boolean),
            new("Line[].DiscountLineDetail.DiscountPercent", QboFieldType.Decimal),
        };

        string[] references =
        [
            "CustomerRef", "CurrencyRef", "SalesTermRef", "ClassRef", "DepartmentRef", "DepositToAccountRef",
            "ShipMethodRef", "TxnTaxDetail.TxnTaxCodeRef", "Line[].SalesItemLineDetail.ItemRef",
            "Line[].SalesItemLineDetail.TaxCodeRef", "Line[].SalesItemLineDetail.ClassRef",
            "Line[].SalesItemLineDetail.ItemAccountRef", "Line[].DescriptionLineDetail.TaxCodeRef",
            "Line[].DiscountLineDetail.DiscountAccountRef",
        ];
        foreach (var reference in references)
        {
            fields.Add(new($"{reference}.value", QboFieldType.String));
            fields.Add(new($"{reference}.name", QboFieldType.String));
        }

        foreach (var address in new[] { "BillAddr", "ShipAddr" })
        {
            foreach (var part in AddressParts)
            {
                fields.Add(new($"{address}.{part}", QboFieldType.String, part == "PostalCode" ? 30 : 500));
            }
        }

        return fields.ToFrozenDictionary(field => field.Pattern, StringComparer.Ordinal);
    }
}
