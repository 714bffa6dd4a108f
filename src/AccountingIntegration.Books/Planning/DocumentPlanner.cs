using System.Globalization;
using System.Text.Json.Nodes;

namespace AccountingIntegration.Books;

/// <summary>
/// Turns an event into the QBO documents that record it, for a company's regime: a sale into an invoice (and its
/// payment) or a sales receipt; a payment into a payment applied to the sale's invoice; a refund into a refund
/// receipt or a credit memo applied to the invoice, linked to the sale; a cancellation into a void, or into a credit of
/// what a sale paid in part still owed, or into taking back the documents of refunds that did not go through or of a credit
/// to the customer's balance since voided. Pure: the service resolves the placeholders and books the documents in order.
/// </summary>
public static class DocumentPlanner
{
    public const string SaleRole = "sale";
    public const string PaymentRole = "payment";

    /// <summary>A payment booked by its own id: one a payment event names, or a sale's own that is <see cref="PaymentInfo.BookedById"/>.</summary>
    public static string PaymentByIdRole(string paymentId) => $"{PaymentRole}:{paymentId}";

    /// <summary>The role of a sale's own payment: by its id when it is booked so, else <see cref="PaymentRole"/>.</summary>
    public static string SalePaymentRole(PaymentInfo payment) =>
        payment is { BookedById: true, Reference: { } id } ? PaymentByIdRole(id) : PaymentRole;

    /// <summary>Whether a role is a payment's of the sale: its own, a part paid since (<c>payment@…</c>) or one booked by id.</summary>
    public static bool IsPaymentRole(string role) =>
        role == PaymentRole || role.StartsWith(PaymentRole + "@", StringComparison.Ordinal) || role.StartsWith(PaymentRole + ":", StringComparison.Ordinal);

    /// <summary>The credit memo that books the part of a sale paid with gift cards, and the zero payment applying it to the invoice.</summary>
    public const string GiftCardRole = "gift-card";
    public const string GiftCardApplicationRole = "gift-card-application";

    /// <summary>The credit memo of the credit notes issued on an invoice before it was paid, and the zero payment applying it.</summary>
    public const string CreditNoteRole = "credit-note";
    public const string CreditNoteApplicationRole = "credit-note-application";

    /// <summary>The credit memo of the customer's credit balance spent on an invoice, and the zero payment applying it.</summary>
    public const string CustomerBalanceRole = "customer-balance";
    public const string CustomerBalanceApplicationRole = "customer-balance-application";

    /// <summary>The credit memo of a sale that credits the customer's balance, and the zero payment applying it to its invoice.</summary>
    public const string BalanceCreditRole = "balance-credit";
    public const string BalanceCreditApplicationRole = "balance-credit-application";

    /// <summary>
    /// The credit memo of what an invoice still owed when its sale was cancelled after part of it was paid, and the zero
    /// payment applying it: one each per sale, so a redelivered cancellation finds them booked.
    /// </summary>
    public const string CancellationCreditRole = "cancellation-credit";
    public const string CancellationCreditApplicationRole = "cancellation-credit-application";

    /// <summary>
    /// The documents of credit given on a sale onto the customer's balance (a Stripe post-payment credit note) with vendor id
    /// <paramref name="creditId"/>: an invoice of the customer balance item, owed to the customer, the credit memo taking the
    /// credit out of the sale's income and tax, and the zero payment applying one to the other. One set per credit, so a
    /// redelivery finds them booked.
    /// </summary>
    public static string BalanceCreditNoteRole(string creditId) => BalanceCreditNotePrefix + creditId;

    /// <inheritdoc cref="BalanceCreditNoteRole"/>
    public static string BalanceCreditNoteCreditRole(string creditId) => BalanceCreditNotePrefix + "credit:" + creditId;

    /// <inheritdoc cref="BalanceCreditNoteRole"/>
    public static string BalanceCreditNoteApplicationRole(string creditId) => BalanceCreditNotePrefix + "application:" + creditId;

    /// <summary>Whether a role is one of a balance credit's documents (<see cref="BalanceCreditNoteRole"/>), which settle nothing on the sale's invoice.</summary>
    public static bool IsBalanceCreditNote(string role) => role.StartsWith(BalanceCreditNotePrefix, StringComparison.Ordinal);

    /// <summary>The credit whose customer balance invoice (<see cref="BalanceCreditNoteRole"/>) a role books; null for any other role.</summary>
    public static string? BalanceCreditIdOf(string role) =>
        IsBalanceCreditNote(role) && role[BalanceCreditNotePrefix.Length..] is var id && !id.Contains(':', StringComparison.Ordinal) ? id : null;

    private const string BalanceCreditNotePrefix = "credit-note:";

    /// <summary>The sales receipt of money collected beyond the invoice, kept as the customer's credit balance.</summary>
    public const string OverpaidRole = "overpaid";

    /// <summary>The sales receipt of the gift card a refund <paramref name="refundId"/> went back onto (a card issued or topped up).</summary>
    public static string GiftCardIssuedRole(string refundId) => "gift-card-issued:" + refundId;

    /// <summary>The role of the refund receipt that books vendor refund <paramref name="refundId"/>.</summary>
    public static string RefundRole(string refundId) => RefundPrefix + refundId;

    /// <summary>The role of the credit memo that books vendor refund <paramref name="refundId"/> (a refund of an unpaid sale).</summary>
    public static string CreditRole(string refundId) => CreditPrefix + refundId;

    /// <summary>The role of the zero payment that applies refund <paramref name="refundId"/>'s credit memo to the sale's invoice.</summary>
    public static string ApplicationRole(string refundId) => ApplicationPrefix + refundId;

    /// <summary>The role of taking back the document booked as <paramref name="role"/> (for a refund that did not go through, or a credit voided).</summary>
    public static string UndoneRole(string role) => UndonePrefix + role;

    /// <summary>The role whose document a role takes back (<see cref="UndoneRole"/>); null for any other role.</summary>
    public static string? UndoneOf(string role) => role.StartsWith(UndonePrefix, StringComparison.Ordinal) ? role[UndonePrefix.Length..] : null;

    private const string UndonePrefix = "undone:";

    /// <summary>The vendor refund a refund receipt's or credit memo's role books; null for any other role.</summary>
    public static string? RefundIdOf(string role) =>
        role.StartsWith(RefundPrefix, StringComparison.Ordinal) ? role[RefundPrefix.Length..]
        : role.StartsWith(CreditPrefix, StringComparison.Ordinal) ? role[CreditPrefix.Length..]
        : null;

    /// <summary>
    /// The role of the sales receipt that books the money of refund <paramref name="refundId"/> coming back to the merchant
    /// (<see cref="RefundInfo.Reinstated"/>: a chargeback reversed after the dispute was won).
    /// </summary>
    public static string ReinstatedRole(string refundId) => ReinstatedPrefix + refundId;

    /// <summary>The refund whose money a role's sales receipt books coming back (<see cref="ReinstatedRole"/>); null for any other role.</summary>
    public static string? ReinstatedIdOf(string role) => role.StartsWith(ReinstatedPrefix, StringComparison.Ordinal) ? role[ReinstatedPrefix.Length..] : null;

    private const string ReinstatedPrefix = "reinstated:";
    private const string RefundPrefix = "refund:";
    private const string CreditPrefix = "credit:";
    private const string ApplicationPrefix = "application:";

    /// <summary>
    /// The documents for <paramref name="sourceEvent"/> with <paramref name="action"/> in the company's regime; for a
    /// payment, refund or cancellation, <paramref name="sale"/> is the sale as booked earlier.
    /// </summary>
    public static BookingPlan Plan(SourceEvent sourceEvent, EventAction action, CompanyRegime regime, BookingSettings settings, SaleOnRecord? sale = null)
    {
        ArgumentNullException.ThrowIfNull(sourceEvent);
        if (sourceEvent.Meaning == EventMeaning.NoMoney)
        {
            return BookingPlan.Nothing(sourceEvent.IgnoredBecause ?? $"{sourceEvent.EventType} moves no money.");
        }

        if (action == EventAction.Auto)
        {
            action = EventActions.Default(sourceEvent, sale?.Paid ?? false);
        }

        if (action == EventAction.Ignore)
        {
            return BookingPlan.Nothing($"The source's settings book nothing for {sourceEvent.EventType}.");
        }

        if (!EventActions.Allowed(sourceEvent.Meaning).Contains(action))
        {
            return BookingPlan.Refused("eventActions", $"{EventActions.Name(action)} does not fit {sourceEvent.EventType}, a {sourceEvent.Meaning.ToString().ToLowerInvariant()} event.");
        }

        return sourceEvent.Meaning switch
        {
            EventMeaning.Sale => SalePlans.Plan(sourceEvent, action, regime, settings),
            EventMeaning.Payment => PaymentPlan(sourceEvent, sale),
            EventMeaning.Refund when sourceEvent.BalanceCredit is { } credit => BalanceCreditPlans.Plan(sourceEvent, credit, regime, settings, sale),
            EventMeaning.Refund => RefundPlans.Plan(sourceEvent, action, regime, settings, sale),
            _ => CancellationPlans.Plan(sourceEvent, regime, settings, sale),
        };
    }

    private static BookingPlan PaymentPlan(SourceEvent sourceEvent, SaleOnRecord? sale)
    {
        var payment = sourceEvent.Payment;
        if (payment is null || payment.Amount <= 0)
        {
            return BookingPlan.Refused("Payment.Amount", $"{sourceEvent.EventType} names no amount received.");
        }

        if (sale is { EntityType: "SalesReceipt" })
        {
            return BookingPlan.Nothing("The sale was booked as a sales receipt, which is already paid.");
        }

        // One payment per vendor payment: a sale paid in instalments gets each of them.
        var role = PaymentByIdRole(payment.Reference ?? sourceEvent.Subject.Id);
        return new BookingPlan([Payments.Applied(role, payment, Placeholders.CustomerOf(SaleRole))], [], []);
    }

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static JsonObject Ref(string value) => new() { ["value"] = value };
}
