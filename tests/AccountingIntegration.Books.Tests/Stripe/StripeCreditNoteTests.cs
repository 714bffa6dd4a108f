using static AccountingIntegration.Books.Tests.Stripe.StripeTestReading;

namespace AccountingIntegration.Books.Tests.Stripe;

/// <summary>
/// credit_note.created read into what it credited to the customer's balance. Bodies are written for these tests from Stripe's
/// documented credit note (https://docs.stripe.com/api/credit_notes/object): a 30.00 post-payment credit note of one line.
/// </summary>
public sealed class StripeCreditNoteTests
{
    private static string CreditNote(string apiVersion, string parts) => $$"""
        {
          "id": "evt_creditNote0001", "object": "event", "api_version": "{{apiVersion}}", "created": 1700000000, "type": "credit_note.created",
          "data": { "object": {
            "id": "cn_0001", "object": "credit_note", "currency": "usd", "invoice": "in_0001", "number": "CN-0001", "status": "issued",
            "type": "post_payment", "total": 3000, "created": 1700000000,
            "lines": { "object": "list", "has_more": false, "data": [
              { "id": "cnli_0001", "object": "credit_note_line_item", "amount": 3000, "description": "Pro plan", "invoice_line_item": "il_0001",
                "quantity": 1, "type": "invoice_line_item", "unit_amount_decimal": "3000" } ] },
            {{parts}}
          } }
        }
        """;

    [Fact]
    public void OldVersion_RefundAndBalanceTransactionNamedByIdAlone_FailsNamingTheField()
    {
        var result = ReadResult(CreditNote("2024-06-20", """
            "refund": "re_0001", "customer_balance_transaction": "cbtxn_0001", "out_of_band_amount": null
            """));

        Assert.Equal("data.object.customer_balance_transaction", Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void OldVersion_ExpandedBalanceTransaction_CreditsItsAmount_AndLeavesTheRefundToItsEvent()
    {
        var read = Read(CreditNote("2024-06-20", """
            "refund": "re_0001", "customer_balance_transaction": { "id": "cbtxn_0001", "object": "customer_balance_transaction", "amount": -1200 },
            "out_of_band_amount": null
            """));

        Assert.Equal((EventMeaning.Refund, "invoice:in_0001", "credit_note:cn_0001"), (read.Meaning, read.Original?.Key, read.Subject.Key));
        Assert.Equal(12.00m, read.BalanceCredit!.Amount);
        Assert.Equal(30.00m, read.BalanceCredit.Credited!.Total);
        Assert.Equal("il_0001", Assert.Single(read.BalanceCredit.Credited.Lines).SourceId);
        Assert.Contains(read.BalanceCredit.Notes, note => note.StartsWith("CREDIT_NOTE_REFUNDED", StringComparison.Ordinal));
        Assert.Empty(read.Refunds);
    }

    [Fact]
    public void MixedCreditNote_OnlyItsPostPaymentPart_LessRefundsAndOutOfBand_GoesOntoTheBalance()
    {
        var read = Read(CreditNote("2025-10-29.clover", """
            "pre_payment_amount": 1000, "post_payment_amount": 2000,
            "refunds": [ { "amount_refunded": 500, "refund": "re_0001", "type": "refund" } ],
            "customer_balance_transaction": "cbtxn_0001", "out_of_band_amount": 300
            """));

        Assert.Equal(12.00m, read.BalanceCredit!.Amount);
        Assert.Contains(read.BalanceCredit.Notes, note => note.StartsWith("OUT_OF_BAND_NOT_BOOKED: 3.00", StringComparison.Ordinal));
    }

    [Fact]
    public void Voided_BooksNothing()
    {
        var read = Read(CreditNote("2025-10-29.clover", """
            "post_payment_amount": 3000, "refunds": [], "customer_balance_transaction": "cbtxn_0001", "out_of_band_amount": null
            """).Replace("\"status\": \"issued\"", "\"status\": \"void\"", StringComparison.Ordinal));

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
    }

    /// <summary>credit_note.voided of a credit note that put credit onto the balance: a cancellation of that credit, against its invoice.</summary>
    [Fact]
    public void VoidedEvent_OfACreditToTheBalance_IsACancellationOfThatCredit()
    {
        var read = Read(VoidedEvent("""
            "post_payment_amount": 3000, "refunds": [], "customer_balance_transaction": "cbtxn_0001", "out_of_band_amount": null
            """));

        Assert.Equal((EventMeaning.Cancellation, "invoice:in_0001", "credit_note:cn_0001", "cn_0001"),
            (read.Meaning, read.Original?.Key, read.Subject.Key, read.VoidedBalanceCredit));
        Assert.Null(read.BalanceCredit);
    }

    /// <summary>A voided credit note that credited nothing to the balance (here, wholly refunded) had nothing booked from its own event.</summary>
    [Fact]
    public void VoidedEvent_WithoutABalanceTransaction_MovesNoMoney()
    {
        var read = Read(VoidedEvent("""
            "post_payment_amount": 3000, "refunds": [ { "amount_refunded": 3000, "refund": "re_0001", "type": "refund" } ],
            "customer_balance_transaction": null, "out_of_band_amount": null
            """));

        Assert.Equal(EventMeaning.NoMoney, read.Meaning);
        Assert.Contains("nothing of the voided credit note went onto the customer's balance", read.IgnoredBecause, StringComparison.Ordinal);
    }

    private static string VoidedEvent(string parts) => CreditNote("2025-10-29.clover", parts)
        .Replace("\"type\": \"credit_note.created\"", "\"type\": \"credit_note.voided\"", StringComparison.Ordinal)
        .Replace("\"status\": \"issued\"", "\"status\": \"void\"", StringComparison.Ordinal);
}
