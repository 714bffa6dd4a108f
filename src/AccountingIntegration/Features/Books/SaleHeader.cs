using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// What the mapping layers add to a vendor sale's document: their header field mappings and static values (ClassRef,
/// DepartmentRef, SalesTermRef, CustomerMemo, CustomField, a DocNumber of the operator's choosing…). The fields the books
/// build from the vendor's own data are theirs alone, so no layer can unbalance a document.
/// </summary>
internal static class SaleHeader
{
    /// <summary>Lines, customer, currency, date, tax, totals and links: what makes the document the vendor's sale, to its total.</summary>
    public static readonly FrozenSet<string> Owned = FrozenSet.ToFrozenSet(
        ["Line", "CustomerRef", "CurrencyRef", "ExchangeRate", "TxnDate", "TxnTaxDetail", "GlobalTaxCalculation", "ApplyTaxAfterDiscount", "TotalAmt", "Balance",
            "DepositToAccountRef", "LinkedTxn", "Id", "SyncToken"], StringComparer.Ordinal);

    /// <summary>The layers' header for this body; null when they set nothing beyond what the books own.</summary>
    public static InvoiceDraftResult? Build(JsonElement body, MergedMapping? mapping)
    {
        if (mapping is null)
        {
            return null;
        }

        var draft = InvoiceDraftBuilder.BuildHeader(body, mapping, field => !Owned.Contains(field));
        if (draft.Resolvers.Count > 0)
        {
            // resolve: finds customers and items; both are the books' on a vendor's sale.
            var fields = string.Join(", ", draft.Resolvers.Select(r => r.QboField).Distinct());
            return draft with { Errors = [.. draft.Errors, new MappingError(fields, "RESOLVE_NOT_APPLIED", $"{fields}: a vendor sale's header takes QBO ids, not resolve:.")] };
        }

        return draft.Invoice.Count == 0 && draft.Errors.Count == 0 ? null : draft;
    }

    /// <summary>Writes the header's fields onto a sale document's body.</summary>
    public static void Apply(JsonObject header, JsonObject document)
    {
        foreach (var (name, value) in header)
        {
            document[name] = value?.DeepClone();
        }
    }
}
