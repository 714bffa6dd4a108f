using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The payments booked for a sale, and what of a restated sale's payment is still to book: the rules
/// <see cref="LedgerWalk"/> applies for booking and the preview alike.
/// </summary>
internal static class SalePayments
{
    /// <summary>
    /// What the payments booked for the sale come to: its own payment (<c>payment</c>), the parts paid since
    /// (<c>payment@…</c>) and the payments that came as events of their own (<c>payment:{id}</c>).
    /// </summary>
    public static async Task<decimal> BookedAsync(AttemptLedger ledger, string organizationId, string saleKey, CancellationToken cancellationToken) =>
        (await ledger.ListCommittedAsync(organizationId, saleKey, cancellationToken))
            .Where(link => link.QboType == "Payment" && DocumentPlanner.IsPaymentRole(link.Role))
            .Sum(link => link.Total);

    /// <summary>
    /// Whether the document is a sale event's own payment, whose total is what the sale says is paid in all (a payment
    /// event's is the money of that payment alone, as is a sale event's payment named with its own amount,
    /// <see cref="PaymentInfo.AmountIsItsOwn"/>).
    /// </summary>
    public static bool IsTheSalesPayment(SourceEvent sourceEvent, PlannedDocument document) =>
        sourceEvent.Meaning == EventMeaning.Sale && document.EntityType == "Payment" && sourceEvent.Payment is not { AmountIsItsOwn: true }
        && (document.Role == DocumentPlanner.PaymentRole || document.Role.StartsWith(DocumentPlanner.PaymentByIdRole(""), StringComparison.Ordinal));

    /// <summary>
    /// The sale's payment, of what it says is paid in all, less what payments booked for the sale already hold; null, with a
    /// note, when they hold it all (an order event's payment.received, then the order restated with it among what is paid).
    /// </summary>
    public static PlannedDocument? UnbookedPart(PlannedDocument paidInAll, decimal booked, List<string> notes)
    {
        if (booked == 0m)
        {
            return paidInAll;
        }

        var amount = paidInAll.Total - booked;
        if (amount <= 0m)
        {
            notes.Add($"PAID_ALREADY: the sale says {Show(paidInAll.Total)} is paid, and payments of {Show(booked)} are booked for it already; no payment was added.");
            return null;
        }

        return WithAmount(paidInAll, paidInAll.Role, amount);
    }

    /// <summary>
    /// Why nothing more is paid on a sale whose total grew after its payment was booked, when the vendor marks an order paid
    /// without a payment of the difference (WooCommerce).
    /// </summary>
    public static string OwedSince(SourceEvent sourceEvent, PlannedDocument paidInAll, decimal booked) =>
        $"OWED_SINCE: the sale now totals {Show(paidInAll.Total)}, but only {Show(booked)} was paid when it was booked; "
        + $"{sourceEvent.Vendor} marks the order paid without a payment of the difference, so {Show(paidInAll.Total - booked)} is left owing on the invoice.";

    /// <summary>The role of what was paid since the sale was booked, named by the total paid with it, so a redelivery finds it.</summary>
    public static string PaidSinceRole(PlannedDocument paidInAll) => $"{DocumentPlanner.PaymentRole}@{Show(paidInAll.Total)}";

    /// <summary>The payment for <paramref name="amount"/> under <paramref name="role"/>.</summary>
    public static PlannedDocument WithAmount(PlannedDocument payment, string role, decimal amount)
    {
        var body = (JsonObject)payment.Body.DeepClone();
        body["TotalAmt"] = amount;
        body["Line"]![0]!["Amount"] = amount;
        return payment with { Role = role, Body = body, Total = amount };
    }

    public static string Show(decimal amount) => amount.ToString("0.00####", CultureInfo.InvariantCulture);
}
