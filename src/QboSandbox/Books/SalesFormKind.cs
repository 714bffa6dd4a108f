using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// What differs between QBO's sales forms (Intuit entity references): who must be named, which account
/// the money goes to, and what "Balance" means. Invoice: open until paid; SalesReceipt and RefundReceipt:
/// settled at once (Balance 0), money to DepositToAccountRef (a sales receipt defaults to Undeposited
/// Funds; a refund receipt must say which account refunds); CreditMemo: RemainingCredit until applied.
/// </summary>
internal sealed record SalesFormKind(string Entity, bool CustomerRequired, bool HasDueDate, BalanceKind Balance, bool DepositAccountRequired)
{
    public static readonly SalesFormKind Invoice = new(EntityNames.Invoice, true, true, BalanceKind.Open, false);
    public static readonly SalesFormKind SalesReceipt = new(EntityNames.SalesReceipt, false, false, BalanceKind.Settled, false);
    public static readonly SalesFormKind CreditMemo = new(EntityNames.CreditMemo, true, false, BalanceKind.Credit, false);
    public static readonly SalesFormKind RefundReceipt = new(EntityNames.RefundReceipt, false, false, BalanceKind.Settled, true);

    public static readonly SalesFormKind[] All = [Invoice, SalesReceipt, CreditMemo, RefundReceipt];

    public static SalesFormKind? Of(string entity) => Array.Find(All, k => k.Entity == entity);

    public bool HasDepositAccount => Balance == BalanceKind.Settled;
}

internal enum BalanceKind
{
    Open,
    Settled,
    Credit,
}
