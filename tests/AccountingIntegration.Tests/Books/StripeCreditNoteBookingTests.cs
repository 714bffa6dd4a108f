using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;
using QboSandbox.State;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Stripe credit notes on an invoice of 100.00 with 8.00 of tax, paid and booked: what a credit note issued after payment
/// credits to the customer's balance is owed to the customer and taken out of income and tax; what it refunds is left to
/// the refund's own event; one issued before payment is left to invoice.paid.
/// </summary>
public sealed class StripeCreditNoteBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const string InvoiceId = "in_000000000000000000000000";
    private const string InvoiceLineId = "il_000000000000000000000000";
    private const string CreditNoteId = "cn_000000000000000000000001";

    /// <summary>
    /// A credit note of one line, 20.00 with 1.60 of tax, credited to the customer's balance (API 2024-06-20: one
    /// <c>refund</c>, <c>tax_amounts</c>). The liability goes up by 21.60, income and tax come down, A/R stays at zero; the
    /// credit note told again under another event books nothing more; the next invoice of 21.60, paid wholly from the
    /// balance, brings the liability back to zero, where before the credit note was never booked and it went below zero.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PostPaymentCreditNote_ToTheBalance_IsOwedAndComesOutOfIncomeAndTax_UntilTheNextInvoiceSpendsIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookPaidInvoiceAsync(world);

        var credited = await world.DeliverAsync(OldCreditNote("evt_creditNote001").ToJsonString());

        Assert.True(credited.Status == PayloadStatus.Succeeded, credited.ToString());
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 108.00m, 80.00m, 6.40m, 21.60m),
            (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["Services"], ledger["Sales Tax Payable"], ledger["Customer Balance Liability"]));
        Assert.Equal(21.60m, (decimal)Assert.Single(world.Entities("CreditMemo"))["TotalAmt"]!);
        Assert.All(world.Entities("Invoice"), invoice => Assert.Equal(0m, (decimal)invoice["Balance"]!));

        var again = await world.DeliverAsync(OldCreditNote("evt_creditNote001Again").ToJsonString());

        Assert.True(again.Status == PayloadStatus.Succeeded, again.ToString());
        Assert.Equal((2, 1, 2), (world.Entities("Invoice").Count, world.Entities("CreditMemo").Count, world.Entities("Payment").Count));
        Assert.Equal(21.60m, (await world.LedgerAsync())["Customer Balance Liability"]);

        var next = Invoice("evt_nextInvoice001", "in_spendsTheCredit001", lineCents: 2000, taxCents: 160);
        var nextJson = next["data"]!["object"]!;
        (nextJson["starting_balance"], nextJson["ending_balance"], nextJson["amount_due"], nextJson["amount_paid"]) = (-2160, 0, 0, 0);

        var spent = await world.DeliverAsync(next.ToJsonString());

        Assert.True(spent.Status == PayloadStatus.Succeeded, spent.ToString());
        ledger = await world.LedgerAsync();
        Assert.Equal((0m, 108.00m, 100.00m, 8.00m, 0m),
            (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["Services"], ledger["Sales Tax Payable"], ledger["Customer Balance Liability"]));
    }

    /// <summary>
    /// A basil credit note of 21.60 (<c>refunds[]</c>, <c>total_taxes</c>, <c>post_payment_amount</c>): 10.80 refunded, 5.40
    /// credited outside of Stripe, 5.40 to the customer's balance. Only the 5.40 is booked here, with its 0.40 of tax; the
    /// refund is its own event's, and the money given back outside Stripe is left to a person, and the sync log says both.
    /// </summary>
    [Theory, BothDatabases]
    public async Task BasilCreditNote_SplitBetweenRefundOutOfBandAndBalance_BooksOnlyTheBalancePart(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookPaidInvoiceAsync(world);
        var note = BasilCreditNote("evt_creditNoteSplit001");
        var noteJson = note["data"]!["object"]!;
        noteJson["refunds"] = JsonNode.Parse("""[{ "amount_refunded": 1080, "refund": "re_creditNoteSplit1", "type": "refund", "payment_record_refund": null }]""");
        noteJson["out_of_band_amount"] = 540;

        var credited = await world.DeliverAsync(note.ToJsonString());

        Assert.True(credited.Status == PayloadStatus.Succeeded, credited.ToString());
        var detail = credited.Detail.ToString();
        Assert.Contains("CREDIT_NOTE_REFUNDED: 10.80", detail, StringComparison.Ordinal);
        Assert.Contains("OUT_OF_BAND_NOT_BOOKED: 5.40", detail, StringComparison.Ordinal);
        Assert.Empty(world.Entities("RefundReceipt"));
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 108.00m, 95.00m, 7.60m, 5.40m),
            (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["Services"], ledger["Sales Tax Payable"], ledger["Customer Balance Liability"]));
    }

    /// <summary>
    /// A credit note that arrives before its invoice's invoice.paid waits for the invoice's sale, as a refund does, and is
    /// booked against it once the invoice is, each credited line on the item of the invoice line it names.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PostPaymentCreditNote_BeforeItsInvoice_WaitsForTheSale_ThenIsBookedAgainstIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");

        var early = await world.DeliverAsync(OldCreditNote("evt_creditNoteEarly001").ToJsonString());
        Assert.True(early.Status == PayloadStatus.WaitingDependency, early.ToString());

        await BookPaidInvoiceAsync(world);

        var booked = await world.SettledAsync(early.PayloadId, PayloadStatus.Succeeded, PayloadStatus.Failed);
        Assert.True(booked.Status == PayloadStatus.Succeeded, booked.ToString());
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 80.00m, 6.40m, 21.60m),
            (ledger["Accounts Receivable (A/R)"], ledger["Services"], ledger["Sales Tax Payable"], ledger["Customer Balance Liability"]));
        var invoiceItem = (string?)world.Entities("Invoice").First()["Line"]![0]!["SalesItemLineDetail"]!["ItemRef"]!["value"];
        Assert.Equal(invoiceItem, (string?)Assert.Single(world.Entities("CreditMemo"))["Line"]![0]!["SalesItemLineDetail"]!["ItemRef"]!["value"]);
    }

    /// <summary>A credit note wholly refunded books nothing: the refund's own event books the money that went back.</summary>
    [Theory, BothDatabases]
    public async Task PostPaymentCreditNote_WhollyRefunded_BooksNothing(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookPaidInvoiceAsync(world);
        var note = BasilCreditNote("evt_creditNoteRefunded001");
        var noteJson = note["data"]!["object"]!;
        noteJson["refunds"] = JsonNode.Parse("""[{ "amount_refunded": 2160, "refund": "re_creditNoteRefunded1", "type": "refund", "payment_record_refund": null }]""");
        noteJson["customer_balance_transaction"] = null;

        var refunded = await world.DeliverAsync(note.ToJsonString());

        Assert.True(refunded.Status == PayloadStatus.Skipped, refunded.ToString());
        Assert.Contains("refund's own event books it", refunded.Detail.ToString(), StringComparison.Ordinal);
        Assert.Empty(world.Entities("CreditMemo"));
        Assert.Single(world.Entities("Invoice"));
        Assert.Equal(100.00m, (await world.LedgerAsync())["Services"]);
    }

    /// <summary>A credit note issued before the invoice was paid is booked with the invoice (invoice.paid), never from its own event.</summary>
    [Theory, BothDatabases]
    public async Task PrePaymentCreditNote_IsLeftToTheInvoice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookPaidInvoiceAsync(world);
        var note = OldCreditNote("evt_creditNotePrePayment001");
        (note["data"]!["object"]!["type"], note["data"]!["object"]!["customer_balance_transaction"]) = ("pre_payment", null);

        var skipped = await world.DeliverAsync(note.ToJsonString());

        Assert.True(skipped.Status == PayloadStatus.Skipped, skipped.ToString());
        Assert.Contains("pre_payment_credit_notes_amount", skipped.Detail.ToString(), StringComparison.Ordinal);
        Assert.Empty(world.Entities("CreditMemo"));
        Assert.Equal(0m, (await world.LedgerAsync()).GetValueOrDefault("Customer Balance Liability"));
    }

    /// <summary>
    /// A UK invoice of 33.33 with 6.67 of VAT, and a credit note of all of it (40.00), half refunded and half credited to the
    /// customer's balance. The credited half is 16.66 with 3.34 of VAT, on which QBO's own 20 % is 3.33: the credit memo's
    /// line is set to 16.68 so that QBO takes 3.34 off the VAT, and the rounding line takes the two pence back, where before
    /// a penny of VAT stayed owed and went into income.
    /// </summary>
    [Theory, BothDatabases]
    public async Task CreditNoteShare_WhereQboTaxesLineByLine_GivesBackItsShareOfTheVatToThePenny(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe", company: new CompanySettings { Country = "GB" });
        var sale = await world.DeliverAsync(InPounds(Invoice("evt_000000000000000000000000", InvoiceId, lineCents: 3333, taxCents: 667)).ToJsonString());
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var note = InPounds(OldCreditNote("evt_creditNoteHalfRefunded001"));
        var noteJson = note["data"]!["object"]!;
        (noteJson["amount"], noteJson["subtotal"], noteJson["subtotal_excluding_tax"], noteJson["total"], noteJson["total_excluding_tax"]) = (4000, 3333, 3333, 4000, 3333);
        noteJson["tax_amounts"] = JsonNode.Parse("""[{ "amount": 667, "inclusive": false, "tax_rate": "txr_1" }]""");
        var line = noteJson["lines"]!["data"]![0]!;
        (line["amount"], line["amount_excluding_tax"], line["unit_amount"], line["unit_amount_decimal"], line["unit_amount_excluding_tax"]) = (3333, 3333, 3333, "3333", "3333");
        line["tax_amounts"] = JsonNode.Parse("""[{ "amount": 667, "inclusive": false, "tax_rate": "txr_1" }]""");
        noteJson["refund"] = JsonNode.Parse("""{ "id": "re_creditNoteHalf001", "object": "refund", "amount": 2000, "currency": "gbp", "status": "succeeded" }""");

        var credited = await world.DeliverAsync(note.ToJsonString());

        Assert.True(credited.Status == PayloadStatus.Succeeded, credited.ToString());
        var memo = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal((20.00m, 3.34m), ((decimal)memo["TotalAmt"]!, (decimal)memo["TxnTaxDetail"]!["TotalTax"]!));
        var ledger = await world.LedgerAsync();
        Assert.Equal((3.33m, 20.00m), (ledger["VAT Control"], ledger["Customer Balance Liability"]));
    }

    /// <summary>
    /// The same invoice with half of it credited before payment (<c>pre_payment_credit_notes_amount</c>): the credit memo of
    /// that share gives back 3.34 of the VAT, and QBO's tax on the invoice less the memo's is the 3.33 Stripe collected.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PrePaymentCreditNoteShare_WhereQboTaxesLineByLine_GivesBackItsShareOfTheVatToThePenny(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe", company: new CompanySettings { Country = "GB" });
        var paid = InPounds(Invoice("evt_000000000000000000000000", InvoiceId, lineCents: 3333, taxCents: 667));
        var invoiceJson = paid["data"]!["object"]!;
        (invoiceJson["pre_payment_credit_notes_amount"], invoiceJson["amount_due"], invoiceJson["amount_paid"]) = (2000, 2000, 2000);

        var sale = await world.DeliverAsync(paid.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var memo = Assert.Single(world.Entities("CreditMemo"));
        Assert.Equal((20.00m, 3.34m), ((decimal)memo["TotalAmt"]!, (decimal)memo["TxnTaxDetail"]!["TotalTax"]!));
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 20.00m, 3.33m), (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["VAT Control"]));
    }

    /// <summary>An invoice or credit note of the fixtures, in pounds.</summary>
    private static JsonNode InPounds(JsonNode delivery)
    {
        var body = delivery["data"]!["object"]!;
        body["currency"] = "gbp";
        foreach (var line in body["lines"]!["data"]!.AsArray())
        {
            line!["currency"] = "gbp";
            if (line["price"] is JsonObject price)
            {
                price["currency"] = "gbp";
            }
        }

        return delivery;
    }

    /// <summary>
    /// The credit note credited to the customer's balance and booked, then voided in Stripe, which reverses that credit: the
    /// zero payment applying its credit memo is voided, the credit memo deleted (QBO voids no credit memo) and its customer
    /// balance invoice voided, so the ledger is the sale's again: nothing owed to the customer, income and tax as sold. The
    /// void told again (another event of it) finds everything taken back and books nothing more.
    /// </summary>
    [Theory, BothDatabases]
    public async Task CreditNoteVoided_AfterItsCreditWasBooked_TakesItBack_AndTheLedgerIsTheSalesAgain(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookPaidInvoiceAsync(world);
        var sale = await world.LedgerAsync();
        var credited = await world.DeliverAsync(OldCreditNote("evt_creditNote001").ToJsonString());
        Assert.True(credited.Status == PayloadStatus.Succeeded, credited.ToString());
        Assert.Equal(21.60m, (await world.LedgerAsync())["Customer Balance Liability"]);
        var balanceInvoice = Assert.Single(world.Entities("Invoice"), invoice => (decimal)invoice["TotalAmt"]! == 21.60m);

        var voided = await world.DeliverAsync(VoidedCreditNote("evt_creditNoteVoided001").ToJsonString());

        Assert.True(voided.Status == PayloadStatus.Succeeded, voided.ToString());
        Assert.Empty(world.Entities("CreditMemo"));
        var application = Assert.Single(world.Entities("Payment"), payment => (decimal)payment["TotalAmt"]! == 0m);
        Assert.StartsWith("Voided", (string?)application["PrivateNote"], StringComparison.Ordinal);
        var voidedInvoice = Assert.Single(world.Entities("Invoice"), invoice => (string?)invoice["Id"] == (string?)balanceInvoice["Id"]);
        Assert.Equal(0m, (decimal)voidedInvoice["TotalAmt"]!);
        Assert.StartsWith("Voided", (string?)voidedInvoice["PrivateNote"], StringComparison.Ordinal);
        var after = await world.LedgerAsync();
        foreach (var account in new[] { "Accounts Receivable (A/R)", "Undeposited Funds", "Services", "Sales Tax Payable", "Customer Balance Liability" })
        {
            Assert.True(sale.GetValueOrDefault(account) == after.GetValueOrDefault(account), $"{account}: {after.GetValueOrDefault(account)}, the sale booked {sale.GetValueOrDefault(account)}");
        }

        var links = await world.Services.GetRequiredService<LedgerStore>()
            .ListByDocumentAsync(world.Organization.OrganizationId, "Invoice", (string)balanceInvoice["Id"]!, default);
        Assert.Contains(links, link => link.Role == $"undone:credit-note:{CreditNoteId}" && link.PayloadId == voided.PayloadId);
        Assert.All(links, link => Assert.Equal(LedgerStates.Voided, link.State));

        var toldAgain = await world.DeliverAsync(VoidedCreditNote("evt_creditNoteVoided002").ToJsonString());

        Assert.True(toldAgain.Status == PayloadStatus.Succeeded, toldAgain.ToString());
        var documents = JsonNode.Parse(toldAgain.Detail.GetProperty("syncLogs")[0].GetProperty("responsePayload").GetString()!)!["documents"]!.AsArray();
        Assert.Equal(3, documents.Count);
        Assert.All(documents, done => Assert.True((bool)done!["alreadyBooked"]! && ((string?)done["role"])!.StartsWith("undone:credit-note:", StringComparison.Ordinal), done!.ToJsonString()));
        Assert.Equal((2, 0, 2), (world.Entities("Invoice").Count, world.Entities("CreditMemo").Count, world.Entities("Payment").Count));
        Assert.Equal(after.GetValueOrDefault("Customer Balance Liability"), (await world.LedgerAsync()).GetValueOrDefault("Customer Balance Liability"));
    }

    /// <summary>
    /// A credit note voided whose credit was never booked (its credit_note.created not come yet) takes nothing back and says
    /// why; one that put nothing onto the customer's balance is skipped as moving no money. Nothing changes in QBO.
    /// </summary>
    [Theory, BothDatabases]
    public async Task CreditNoteVoided_WithNothingBookedForIt_IsSkippedAndSaysWhy(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookPaidInvoiceAsync(world);

        var notBooked = await world.DeliverAsync(VoidedCreditNote("evt_creditNoteVoided001").ToJsonString());
        var noBalance = VoidedCreditNote("evt_creditNoteVoided002");
        (noBalance["data"]!["object"]!["id"], noBalance["data"]!["object"]!["customer_balance_transaction"]) = ("cn_000000000000000000000002", null);
        var nothingCredited = await world.DeliverAsync(noBalance.ToJsonString());

        Assert.True(notBooked.Status == PayloadStatus.Skipped && notBooked.LastError!.StartsWith("EVENT_IGNORED", StringComparison.Ordinal), notBooked.ToString());
        Assert.Contains("nothing was booked for its credit to the customer's balance", notBooked.LastError, StringComparison.Ordinal);
        Assert.True(nothingCredited.Status == PayloadStatus.Skipped, nothingCredited.ToString());
        Assert.Contains("nothing of the voided credit note went onto the customer's balance", nothingCredited.Detail.ToString(), StringComparison.Ordinal);
        Assert.Empty(world.Entities("CreditMemo"));
        Assert.Single(world.Entities("Invoice"));
        Assert.Equal(0m, (await world.LedgerAsync()).GetValueOrDefault("Customer Balance Liability"));
    }

    /// <summary>
    /// Stripe does not deliver in order: the void came first, when nothing was booked for the credit note (skipped), then
    /// credit_note.created, whose snapshot still says issued, booked the credit. The void stays the credit note's last word:
    /// booking the credit takes the void up again, and the credit is taken back.
    /// </summary>
    [Theory, BothDatabases]
    public async Task CreditNoteVoided_BeforeItsCreatedEvent_TakesTheCreditBackOnceItIsBooked(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookPaidInvoiceAsync(world);
        var voided = await world.DeliverAsync(VoidedCreditNote("evt_creditNoteVoided001").ToJsonString());
        Assert.True(voided.Status == PayloadStatus.Skipped, voided.ToString());

        var stale = await world.DeliverAsync(OldCreditNote("evt_creditNote001").ToJsonString());
        Assert.True(stale.Status == PayloadStatus.Succeeded, stale.ToString());

        var revived = await world.SettledAsync(voided.PayloadId, PayloadStatus.Succeeded, PayloadStatus.Failed);
        Assert.True(revived.Status == PayloadStatus.Succeeded, revived.ToString());
        Assert.Empty(world.Entities("CreditMemo"));
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 100.00m, 8.00m, 0m),
            (ledger["Accounts Receivable (A/R)"], ledger["Services"], ledger["Sales Tax Payable"], ledger.GetValueOrDefault("Customer Balance Liability")));
    }

    internal static async Task BookPaidInvoiceAsync(PipelineWorld world)
    {
        var sale = await world.DeliverAsync(Invoice("evt_000000000000000000000000", InvoiceId, lineCents: 10000, taxCents: 800).ToJsonString());
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 108.00m, 100.00m, 8.00m), (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["Services"], ledger["Sales Tax Payable"]));
    }

    /// <summary>The fixture's invoice (API 2024-06-20) as one taxed line, paid in full.</summary>
    private static JsonNode Invoice(string eventId, string invoiceId, long lineCents, long taxCents)
    {
        var paid = Delivery.Fixture("stripe/invoice.paid.json");
        (paid["id"], paid["api_version"]) = (eventId, "2024-06-20");
        var invoice = paid["data"]!["object"]!.AsObject();
        invoice["id"] = invoiceId;
        if (invoiceId != InvoiceId)
        {
            (invoice["number"], invoice["charge"], invoice["payment_intent"]) = ($"N-{invoiceId[^3..]}", null, null);
        }

        var line = invoice["lines"]!["data"]![0]!;
        (line["amount"], line["price"]!["unit_amount"], line["price"]!["unit_amount_decimal"]) = (lineCents, lineCents, lineCents.ToString(CultureInfo.InvariantCulture));
        line["tax_amounts"] = JsonNode.Parse($$"""[{ "amount": {{taxCents}}, "inclusive": false, "tax_rate": "txr_1" }]""");
        invoice["total_tax_amounts"] = JsonNode.Parse($$"""[{ "amount": {{taxCents}}, "inclusive": false, "tax_rate": "txr_1" }]""");
        var total = lineCents + taxCents;
        (invoice["subtotal"], invoice["tax"], invoice["total"], invoice["amount_due"], invoice["amount_paid"]) = (lineCents, taxCents, total, total, total);
        return paid;
    }

    /// <summary>
    /// A post-payment credit note of the invoice's line, 20.00 and 1.60 of tax, all of it credited to the customer's balance,
    /// as API 2024-06-20 sends it (https://docs.stripe.com/api/credit_notes/object): one <c>refund</c>, <c>tax_amounts</c>.
    /// </summary>
    internal static JsonNode OldCreditNote(string eventId) => JsonNode.Parse($$"""
        {
          "id": "{{eventId}}", "object": "event", "api_version": "2024-06-20", "created": 1648406400, "type": "credit_note.created",
          "data": { "object": {
            "id": "cn_000000000000000000000001", "object": "credit_note", "amount": 2160, "amount_shipping": 0, "created": 1648406400,
            "currency": "usd", "customer": "cus_00000000000000", "customer_balance_transaction": "cbtxn_000000000000000000000001",
            "discount_amount": 0, "discount_amounts": [], "effective_at": 1648406400, "invoice": "{{InvoiceId}}",
            "lines": { "object": "list", "has_more": false, "data": [ {
              "id": "cnli_000000000000000000000001", "object": "credit_note_line_item", "amount": 2000, "amount_excluding_tax": 2000,
              "description": "(created by Stripe CLI)", "discount_amount": 0, "discount_amounts": [], "invoice_line_item": "{{InvoiceLineId}}",
              "quantity": 1, "tax_amounts": [ { "amount": 160, "inclusive": false, "tax_rate": "txr_1" } ], "tax_rates": [],
              "type": "invoice_line_item", "unit_amount": 2000, "unit_amount_decimal": "2000", "unit_amount_excluding_tax": "2000"
            } ] },
            "memo": null, "number": "EE1DF78D-0001-CN-01", "out_of_band_amount": null, "reason": "product_unsatisfactory", "refund": null,
            "status": "issued", "subtotal": 2000, "subtotal_excluding_tax": 2000,
            "tax_amounts": [ { "amount": 160, "inclusive": false, "tax_rate": "txr_1" } ],
            "total": 2160, "total_excluding_tax": 2000, "type": "post_payment", "voided_at": null
          } }
        }
        """)!;

    /// <summary>The credit note voided (https://docs.stripe.com/api/credit_notes/void): status void, its balance transaction still named.</summary>
    internal static JsonNode VoidedCreditNote(string eventId)
    {
        var note = OldCreditNote(eventId);
        note["type"] = "credit_note.voided";
        (note["data"]!["object"]!["status"], note["data"]!["object"]!["voided_at"]) = ("void", 1648492800);
        return note;
    }

    /// <summary>
    /// The same credit note as API 2025-03-31.basil and later send it: <c>refunds[]</c>, <c>total_taxes</c> and the lines'
    /// <c>taxes</c>, with <c>pre_payment_amount</c> and <c>post_payment_amount</c>.
    /// </summary>
    private static JsonNode BasilCreditNote(string eventId)
    {
        var note = OldCreditNote(eventId);
        note["api_version"] = "2025-10-29.clover";
        var noteJson = note["data"]!["object"]!.AsObject();
        noteJson.Remove("refund");
        noteJson.Remove("tax_amounts");
        (noteJson["refunds"], noteJson["pre_payment_amount"], noteJson["post_payment_amount"]) = (new JsonArray(), 0, 2160);
        noteJson["total_taxes"] = JsonNode.Parse("""[{ "amount": 160, "tax_behavior": "exclusive", "tax_rate_details": { "tax_rate": "txr_1" }, "taxability_reason": "standard_rated", "taxable_amount": 2000, "type": "tax_rate_details" }]""");
        var line = noteJson["lines"]!["data"]![0]!.AsObject();
        line.Remove("tax_amounts");
        line["taxes"] = JsonNode.Parse("""[{ "amount": 160, "tax_behavior": "exclusive", "tax_rate_details": { "tax_rate": "txr_1" }, "taxability_reason": "standard_rated", "taxable_amount": 2000, "type": "tax_rate_details" }]""");
        return note;
    }
}
