using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Every Stripe fixture, end to end against the sandbox, as one customer's story: the invoice paid, the same payment
/// seen again through its payment intent, the events that move no money, then the charge refunded (twice told).
/// Expected values come from the fixtures' own total fields.
/// </summary>
public sealed partial class StripeBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task EveryFixture_BooksThePaidInvoiceAndItsRefund_AndNothingForEventsWithoutMoney(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var invoiceJson = Delivery.Fixture("stripe/invoice.paid.json")["data"]!["object"]!;
        var total = Delivery.Cents(invoiceJson["total"]);
        var paid = Delivery.Cents(invoiceJson["amount_paid"]);

        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");

        Assert.Equal(PayloadStatus.Succeeded, sale.Status);
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(sale.DocumentId, (string?)invoice["Id"]);
        Assert.Equal(total, (decimal)invoice["TotalAmt"]!);
        Assert.Equal(total - paid, (decimal)invoice["Balance"]!);
        var payment = Assert.Single(world.Entities("Payment"));
        Assert.Equal(paid, (decimal)payment["TotalAmt"]!);
        Assert.Equal(sale.DocumentId, (string?)payment["Line"]![0]!["LinkedTxn"]![0]!["TxnId"]);

        // The payment intent behind the invoice's charge is the same sale: nothing new.
        var sameSale = await world.DeliverFixtureAsync("stripe/payment_intent.succeeded.json");
        Assert.Equal(PayloadStatus.Succeeded, sameSale.Status);
        Assert.Equal(sale.DocumentId, sameSale.DocumentId);
        Assert.Single(world.Entities("Invoice"));
        Assert.Single(world.Entities("Payment"));

        foreach (var noMoney in new[]
                 {
                     "stripe/invoice.payment_failed.json", "stripe/charge.dispute.created.json", "stripe/charge.succeeded.json",
                     "stripe/charge.succeeded.stripe-mock-fixture.json", "stripe/checkout.session.completed.payment_mode.json",
                 })
        {
            var ignored = await world.DeliverFixtureAsync(noMoney);
            Assert.True(ignored.Status == PayloadStatus.Skipped && ignored.LastError!.StartsWith("EVENT_IGNORED", StringComparison.Ordinal), $"{noMoney}: {ignored}");
        }

        var chargeJson = Delivery.Fixture("stripe/charge.refunded.json")["data"]!["object"]!;
        var refunded = Delivery.Cents(chargeJson["amount_refunded"]);
        var refund = await world.DeliverFixtureAsync("stripe/charge.refunded.json");

        Assert.Equal(PayloadStatus.Succeeded, refund.Status);
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(refunded, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(sale.DocumentId, (string?)receipt["LinkedTxn"]![0]!["TxnId"]);

        // charge.refund.updated tells of the same refund (re_…): it is not booked twice.
        var told = await world.DeliverFixtureAsync("stripe/charge.refund.updated.json");
        Assert.Equal(PayloadStatus.Succeeded, told.Status);
        Assert.Single(world.Entities("RefundReceipt"));

        var ledger = await world.LedgerAsync();
        Assert.Equal(total - paid, ledger["Accounts Receivable (A/R)"]);
        Assert.Equal(paid - refunded, ledger["Undeposited Funds"]);
    }

    /// <summary>
    /// A Stripe refund names its charge and amount, nothing of what it gave back. A taxed invoice (two seats at 15.00, 2.48
    /// tax) refunded in two parts is booked as each refund's share of the invoice as Stripe stated it, read again from the
    /// payload that booked it: the tax goes back with the money, and once the refunds come to the invoice's total nothing
    /// of it is owed or earned.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundsOfATaxedInvoice_GiveBackTheirShareOfItsTax(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookTaxedInvoiceAsync(world);

        var refunded = Delivery.Fixture("stripe/charge.refunded.json");
        var charge = refunded["data"]!["object"]!;
        (charge["amount"], charge["amount_captured"], charge["amount_refunded"], charge["refunded"]) = (3248, 3248, 1000, false);
        charge["refunds"]!["data"]![0]!["amount"] = 1000;
        var part = await world.DeliverAsync(refunded.ToJsonString(), key: "refund-1");
        Assert.True(part.Status == PayloadStatus.Succeeded, part.ToString());
        Assert.Contains("states only its amount (10.00 of a 32.48 sale)", part.Detail.ToString(), StringComparison.Ordinal);
        // 10.00 of 32.48: 0.76 of the tax went back with it.
        Assert.Equal(1.72m, (await world.LedgerAsync())["Sales Tax Payable"]);

        var newest = charge["refunds"]!["data"]![0]!.DeepClone();
        (newest["id"], newest["amount"]) = ("re_000000000000000000000001", 2248);
        charge["refunds"]!["data"]!.AsArray().Insert(0, newest);
        (charge["amount_refunded"], charge["refunded"]) = (3248, true);
        var rest = await world.DeliverAsync(refunded.ToJsonString(), key: "refund-2");
        Assert.True(rest.Status == PayloadStatus.Succeeded, rest.ToString());

        Assert.Equal([10.00m, 22.48m], world.Entities("RefundReceipt").Select(r => (decimal)r["TotalAmt"]!).Order());
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 0m, 0m), (ledger["Sales Tax Payable"], ledger["Undeposited Funds"], ledger["Services"]));
    }

    /// <summary>
    /// From API 2024-10-28 each refund is told alone, by refund.created. Three refunds of the taxed invoice (10.83, 10.83,
    /// 10.82) each come to 0.83 of tax taken on its own, 2.49 in all of its 2.48: each is shared after the refunds booked
    /// before it, so together they give back exactly the invoice's tax and income.
    /// </summary>
    [Theory, BothDatabases]
    public async Task RefundsToldOneAtATime_TogetherGiveBackExactlyTheInvoicesTax(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        await BookTaxedInvoiceAsync(world);

        foreach (var (id, cents) in new[] { ("re_3QtoldAlone00000001", 1083), ("re_3QtoldAlone00000002", 1083), ("re_3QtoldAlone00000003", 1082) })
        {
            var refund = await world.DeliverAsync($$"""
                {
                  "id": "evt_{{id}}", "object": "event", "api_version": "2024-12-18.acacia", "created": 1648406400, "type": "refund.created",
                  "data": { "object": {
                    "id": "{{id}}", "object": "refund", "amount": {{cents}}, "charge": "ch_000000000000000000000000", "created": 1648406400,
                    "currency": "usd", "payment_intent": "pi_000000000000000000000000", "status": "succeeded"
                  } }
                }
                """);
            Assert.True(refund.Status == PayloadStatus.Succeeded, refund.ToString());
        }

        Assert.Equal(32.48m, world.Entities("RefundReceipt").Sum(r => (decimal)r["TotalAmt"]!));
        // Each names the charge it gave money back on, where a bookkeeper looks for it in Stripe.
        Assert.All(world.Entities("RefundReceipt"), r => Assert.Matches(@"^Refund re_3QtoldAlone0000000\d of Stripe charge ch_0+ \(refund\.created\)", (string?)r["PrivateNote"]));
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 0m, 0m), (ledger["Sales Tax Payable"], ledger["Undeposited Funds"], ledger["Services"]));
    }

    /// <summary>
    /// An invoice of 100.00 + 8.00 tax on which a credit note of 10.80 was issued before it was paid, so Stripe collected
    /// 97.20: the credit note is a credit memo of the invoice's share (10.00 and 0.80 of tax) applied to it, the payment is
    /// what was collected, and the invoice owes nothing, as in Stripe.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoicePaid_PartlyByAPrePaymentCreditNote_IsPaidWithTheCreditNoteTakenOffTheSale(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var paid = InvoicePaid("2024-06-20", lineCents: 10000, taxCents: 800);
        (paid["data"]!["object"]!["pre_payment_credit_notes_amount"], paid["data"]!["object"]!["amount_due"], paid["data"]!["object"]!["amount_paid"]) = (1080, 9720, 9720);

        var sale = await world.DeliverAsync(paid.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((108.00m, 0m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["Balance"]!));
        Assert.Equal([0m, 97.20m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());
        Assert.Equal(10.80m, (decimal)Assert.Single(world.Entities("CreditMemo"))["TotalAmt"]!);
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 97.20m, 7.20m, 90.00m), (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["Sales Tax Payable"], ledger["Services"]));
    }

    /// <summary>
    /// A clover invoice of 54.00 that the customer's Stripe balance of 20.00 paid in part: Stripe collected 34.00. The
    /// balance spent is the customer's credit from before, a liability: a credit memo on the customer balance item takes
    /// it off that liability and pays the invoice; income is the whole sale, and only the 34.00 collected awaits deposit.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoicePaid_PartlyFromTheCustomersBalance_IsPaidAndTheBalanceComesOffTheLiability(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var paid = InvoicePaid("2025-10-29.clover", lineCents: 5400);
        var invoiceJson = paid["data"]!["object"]!;
        (invoiceJson["starting_balance"], invoiceJson["ending_balance"], invoiceJson["amount_due"], invoiceJson["amount_paid"]) = (-2000, 0, 3400, 3400);

        var sale = await world.DeliverAsync(paid.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((54.00m, 0m), ((decimal)invoice["TotalAmt"]!, (decimal)invoice["Balance"]!));
        Assert.Equal([0m, 34.00m], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 34.00m, 54.00m, -20.00m),
            (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["Services"], ledger["Customer Balance Liability"]));
    }

    /// <summary>An invoice the customer's balance paid in full: no money collected, so no payment, and the invoice owes nothing.</summary>
    [Theory, BothDatabases]
    public async Task InvoicePaid_WhollyFromTheCustomersBalance_BooksNoPaymentAndLeavesNothingOwed(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var paid = InvoicePaid("2025-10-29.clover", lineCents: 2700);
        var invoiceJson = paid["data"]!["object"]!;
        (invoiceJson["starting_balance"], invoiceJson["ending_balance"], invoiceJson["amount_due"], invoiceJson["amount_paid"]) = (-5000, -2300, 0, 0);

        var sale = await world.DeliverAsync(paid.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(0m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
        Assert.Equal(0m, Assert.Single(world.Entities("Payment"))["TotalAmt"]!.GetValue<decimal>());
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 0m, -27.00m), (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["Customer Balance Liability"]));
    }

    /// <summary>
    /// Credit that Stripe counts but the invoice does not explain (a starting balance Stripe applied, with amount_paid short
    /// of the rest) is never silent: the invoice is left owing the difference and the sync log says so.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoicePaid_ShortOfItsTotalByAnUnexplainedAmount_SaysTheInvoiceIsLeftOpen(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var paid = InvoicePaid("2025-10-29.clover", lineCents: 5400);
        (paid["data"]!["object"]!["amount_due"], paid["data"]!["object"]!["amount_paid"]) = (3400, 3400);

        var sale = await world.DeliverAsync(paid.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Contains("INVOICE_LEFT_OPEN", sale.Detail.ToString(), StringComparison.Ordinal);
        Assert.Equal(20.00m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
    }

    /// <summary>
    /// An invoice marked paid outside Stripe (a cheque): Stripe collected nothing and does not say where the money went. The
    /// invoice is left owing, for the payment to be received where it was deposited, and the sync log says why.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoicePaid_OutsideStripe_IsLeftOpenForThePaymentToBeReceivedWhereTheMoneyWent(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var paid = InvoicePaid("2025-10-29.clover", lineCents: 5400);
        (paid["data"]!["object"]!["amount_paid"], paid["data"]!["object"]!["paid_out_of_band"]) = (0, true);

        var sale = await world.DeliverAsync(paid.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Contains("PAID_OUTSIDE_STRIPE", sale.Detail.ToString(), StringComparison.Ordinal);
        Assert.Equal(54.00m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
        Assert.Empty(world.Entities("Payment"));
    }

    /// <summary>
    /// A basil invoice of 10.80 paid with 15.00: Stripe keeps the 4.20 overpaid as the customer's balance. All 15.00 was
    /// collected and awaits deposit: 10.80 paid the invoice, and 4.20 is owed to the customer until spent.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoicePaid_Overpaid_BooksAllTheMoneyCollected_TheExcessOwedToTheCustomer(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var paid = InvoicePaid("2025-03-31.basil", lineCents: 1080);
        (paid["data"]!["object"]!["amount_due"], paid["data"]!["object"]!["amount_paid"], paid["data"]!["object"]!["amount_overpaid"]) = (1080, 1500, 420);

        var sale = await world.DeliverAsync(paid.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(0m, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
        Assert.Equal(10.80m, (decimal)Assert.Single(world.Entities("Payment"))["TotalAmt"]!);
        Assert.Equal(4.20m, (decimal)Assert.Single(world.Entities("SalesReceipt"))["TotalAmt"]!);
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 15.00m, 10.80m, 4.20m),
            (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["Services"], ledger["Customer Balance Liability"]));
    }

    /// <summary>
    /// A downgrade mid-month: "Unused time on Pro" (-50.00) and "Remaining time on Basic" (+20.00) come to -30.00. Stripe
    /// collects nothing and puts the 30.00 on the customer's balance. The books take 30.00 out of income (the credit out of
    /// Services, the charge on it as a discount, as a credit on a sale is) and owe it to the customer, A/R untouched (QBO
    /// refused the negative total before); the next invoice of 20.00, paid wholly from that balance, leaves 10.00 owed.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoicePaid_WithANegativeTotal_CreditsTheCustomersBalance_WhichTheNextInvoiceSpends(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var downgrade = InvoicePaid("2025-10-29.clover", lineCents: 2000);
        var invoiceJson = downgrade["data"]!["object"]!;
        var remaining = invoiceJson["lines"]!["data"]![0]!;
        remaining["description"] = "Remaining time on Basic after 15 Oct 2026";
        var unused = remaining.DeepClone();
        (unused["id"], unused["description"], unused["amount"]) = ("il_unusedTimeOnPro", "Unused time on Pro after 15 Oct 2026", -5000);
        invoiceJson["lines"]!["data"]!.AsArray().Insert(0, unused);
        (invoiceJson["id"], invoiceJson["number"]) = ("in_downgradeCredit001", "DOWN-0001");
        (invoiceJson["subtotal"], invoiceJson["total"], invoiceJson["amount_due"], invoiceJson["amount_paid"]) = (-3000, -3000, 0, 0);
        (invoiceJson["starting_balance"], invoiceJson["ending_balance"]) = (0, -3000);

        var credit = await world.DeliverAsync(downgrade.ToJsonString());

        Assert.True(credit.Status == PayloadStatus.Succeeded, credit.ToString());
        var owed = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(("DOWN-0001", 30.00m, 0m), ((string?)owed["DocNumber"], (decimal)owed["TotalAmt"]!, (decimal)owed["Balance"]!));
        Assert.Equal(30.00m, (decimal)Assert.Single(world.Entities("CreditMemo"))["TotalAmt"]!);
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, 0m, -30.00m, 30.00m),
            (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["Services"] + ledger["Discounts given"], ledger["Customer Balance Liability"]));

        var next = InvoicePaid("2025-10-29.clover", lineCents: 2000);
        var nextJson = next["data"]!["object"]!;
        (nextJson["id"], nextJson["number"]) = ("in_afterDowngrade001", "DOWN-0002");
        (nextJson["starting_balance"], nextJson["ending_balance"], nextJson["amount_due"], nextJson["amount_paid"]) = (-3000, -1000, 0, 0);
        next["id"] = "evt_afterDowngrade001";

        var spent = await world.DeliverAsync(next.ToJsonString());

        Assert.True(spent.Status == PayloadStatus.Succeeded, spent.ToString());
        ledger = await world.LedgerAsync();
        Assert.Equal((0m, 0m, -10.00m, 10.00m),
            (ledger["Accounts Receivable (A/R)"], ledger["Undeposited Funds"], ledger["Services"] + ledger["Discounts given"], ledger["Customer Balance Liability"]));
    }

    /// <summary>
    /// The same downgrade in a UK company, with 20 % VAT on both lines: -50.00 (VAT -10.00) and +20.00 (VAT +4.00) come to
    /// -36.00. The VAT goes back with the credit, so VAT Control gives back 6.00, and 36.00 is owed to the customer.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoicePaid_WithANegativeTotalAndVat_GivesTheVatBackWithTheCredit(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe", company: new QboSandbox.State.CompanySettings { Country = "GB" });
        var downgrade = InvoicePaid("2025-10-29.clover", lineCents: 2000, taxCents: 400);
        var invoiceJson = downgrade["data"]!["object"]!;
        var remaining = invoiceJson["lines"]!["data"]![0]!;
        var unused = remaining.DeepClone();
        (unused["id"], unused["description"], unused["amount"]) = ("il_unusedTimeOnPro", "Unused time on Pro", -5000);
        unused["tax_amounts"] = JsonNode.Parse("""[{ "amount": -1000, "inclusive": false, "tax_rate": "txr_1" }]""");
        invoiceJson["lines"]!["data"]!.AsArray().Insert(0, unused);
        foreach (var line in invoiceJson["lines"]!["data"]!.AsArray())
        {
            (line!["currency"], line["price"]!["currency"]) = ("gbp", "gbp");
        }

        invoiceJson["currency"] = "gbp";
        invoiceJson["total_tax_amounts"] = JsonNode.Parse("""[{ "amount": -600, "inclusive": false, "tax_rate": "txr_1" }]""");
        (invoiceJson["subtotal"], invoiceJson["tax"], invoiceJson["total"], invoiceJson["amount_due"], invoiceJson["amount_paid"]) = (-3000, -600, -3600, 0, 0);

        var credit = await world.DeliverAsync(downgrade.ToJsonString());

        Assert.True(credit.Status == PayloadStatus.Succeeded, credit.ToString());
        Assert.Equal((36.00m, 0m), ((decimal)Assert.Single(world.Entities("Invoice"))["TotalAmt"]!, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!));
        var ledger = await world.LedgerAsync();
        Assert.Equal((0m, -6.00m, -30.00m, 36.00m),
            (ledger["Accounts Receivable (A/R)"], ledger["VAT Control"], ledger["Services"] + ledger.GetValueOrDefault("Discounts given"), ledger["Customer Balance Liability"]));
    }

    /// <summary>
    /// Before API 2025-03-31 nothing pairs an invoice with a payment intent booked first as a sale of its own (an
    /// integration's payment intent, its own description): the invoice, naming it, is taken for booked. That is never
    /// silent: the sync log says the invoice's lines and tax are not in the books and asks a person to mend it.
    /// </summary>
    [Theory, BothDatabases]
    public async Task OldVersionInvoicePaid_WhosePaymentWasBookedAsASaleOfItsOwn_SaysItWasBookedTwice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var own = await world.DeliverAsync("""
            {
              "id": "evt_3QoldOwnPayment0001", "object": "event", "api_version": "2024-06-20", "created": 1648320011,
              "type": "payment_intent.succeeded",
              "data": { "object": {
                "id": "pi_000000000000000000000000", "object": "payment_intent", "amount": 2000, "amount_received": 2000, "currency": "usd",
                "description": "Order 1001", "invoice": null, "latest_charge": "ch_000000000000000000000000", "status": "succeeded", "created": 1648320010
              } }
            }
            """);
        Assert.True(own.Status == PayloadStatus.Succeeded, own.ToString());

        var sale = await world.DeliverAsync(InvoicePaid("2024-06-20", lineCents: 2000).ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Contains($"SALE_BOOKED_TWICE: invoice in_000000000000000000000000 is paid by a payment already booked as a sale of its own (Invoice {own.DocumentId})",
            sale.Detail.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The fixture's invoice at <paramref name="apiVersion"/> as one line of <paramref name="lineCents"/> and, when given, tax
    /// on it, paid in full; from basil on, without the charge and payment intent.
    /// </summary>
    private static JsonNode InvoicePaid(string apiVersion, long lineCents, long taxCents = 0)
    {
        var paid = Delivery.Fixture("stripe/invoice.paid.json");
        paid["api_version"] = apiVersion;
        var invoice = paid["data"]!["object"]!.AsObject();
        if (!apiVersion.StartsWith("2024", StringComparison.Ordinal))
        {
            invoice.Remove("charge");
            invoice.Remove("payment_intent");
        }

        var line = invoice["lines"]!["data"]![0]!;
        (line["amount"], line["price"]!["unit_amount"], line["price"]!["unit_amount_decimal"]) = (lineCents, lineCents, lineCents.ToString(CultureInfo.InvariantCulture));
        if (taxCents > 0)
        {
            line["tax_amounts"] = JsonNode.Parse($$"""[{ "amount": {{taxCents}}, "inclusive": false, "tax_rate": "txr_1" }]""");
            invoice["total_tax_amounts"] = JsonNode.Parse($$"""[{ "amount": {{taxCents}}, "inclusive": false, "tax_rate": "txr_1" }]""");
        }

        var total = lineCents + taxCents;
        (invoice["subtotal"], invoice["tax"], invoice["total"], invoice["amount_due"], invoice["amount_paid"]) = (lineCents, taxCents, total, total, total);
        return paid;
    }

    /// <summary>
    /// A UK invoice of twelve 10.00 lines at 20 % VAT whose webhook lists only the first ten (<c>lines.has_more</c>). The two
    /// it leaves out are an "Adjustment" fee, and the VAT the listed lines do not carry goes with it: the invoice books at
    /// Stripe's 144.00 with its 24.00 of VAT, not refused at 140.00.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoiceWhoseLinesRunOnAnotherPage_BooksTheUnlistedLinesWithTheirTax(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe", company: new QboSandbox.State.CompanySettings { Country = "GB" });
        var paid = Delivery.Fixture("stripe/invoice.paid.json");
        var invoice = paid["data"]!["object"]!;
        var first = invoice["lines"]!["data"]![0]!;
        var lines = new JsonArray();
        for (var i = 0; i < 10; i++)
        {
            var line = first.DeepClone();
            (line["id"], line["amount"], line["quantity"], line["currency"]) = ($"il_{i}", 1000, 1, "gbp");
            (line["price"]!["unit_amount"], line["price"]!["unit_amount_decimal"], line["price"]!["currency"]) = (1000, "1000", "gbp");
            line["tax_amounts"] = JsonNode.Parse("""[{ "amount": 200, "inclusive": false, "tax_rate": "txr_1" }]""");
            lines.Add(line);
        }

        (invoice["lines"]!["data"], invoice["lines"]!["has_more"], invoice["lines"]!["total_count"], invoice["currency"]) = (lines, true, 12, "gbp");
        invoice["total_tax_amounts"] = JsonNode.Parse("""[{ "amount": 2400, "inclusive": false, "tax_rate": "txr_1" }]""");
        (invoice["subtotal"], invoice["tax"], invoice["total"], invoice["amount_due"], invoice["amount_paid"]) = (12000, 2400, 14400, 14400, 14400);

        var sale = await world.DeliverAsync(paid.ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var booked = Assert.Single(world.Entities("Invoice"));
        Assert.Equal((144.00m, 24.00m), ((decimal)booked["TotalAmt"]!, (decimal)booked["TxnTaxDetail"]!["TotalTax"]!));
        Assert.Contains(booked["Line"]!.AsArray(), l => (string?)l!["Description"] == "Adjustment" && (decimal)l["Amount"]! == 20.00m);
        Assert.Equal(24.00m, (await world.LedgerAsync())["VAT Control"]);
    }

    /// <summary>The fixture's invoice as two seats at 15.00 with 2.48 of tax, paid (in full unless <paramref name="paidCents"/> says less), booked.</summary>
    internal static async Task BookTaxedInvoiceAsync(PipelineWorld world, long paidCents = 3248)
    {
        var paid = Delivery.Fixture("stripe/invoice.paid.json");
        var invoice = paid["data"]!["object"]!;
        var line = invoice["lines"]!["data"]![0]!;
        (line["amount"], line["quantity"], line["price"]!["unit_amount"], line["price"]!["unit_amount_decimal"]) = (3000, 2, 1500, "1500");
        line["tax_amounts"] = JsonNode.Parse("""[{ "amount": 248, "inclusive": false, "tax_rate": "txr_1" }]""");
        invoice["total_tax_amounts"] = JsonNode.Parse("""[{ "amount": 248, "inclusive": false, "tax_rate": "txr_1" }]""");
        (invoice["subtotal"], invoice["tax"], invoice["total"], invoice["amount_due"], invoice["amount_paid"]) = (3000, 248, 3248, paidCents, paidCents);
        var sale = await world.DeliverAsync(paid.ToJsonString());
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(2.48m, (await world.LedgerAsync())["Sales Tax Payable"]);
    }

    /// <summary>
    /// From API 2025-03-31.basil an invoice names no charge or payment intent, and a refund names only those: nothing in
    /// either says the refund is of the invoice. invoice_payment.paid pairs them. A refund that came before it waits, and
    /// is booked against the invoice once the invoice payment links the sale under the refund's payment intent.
    /// </summary>
    [Theory, BothDatabases]
    public async Task BasilRefund_WaitsUntilTheInvoicePaymentNamesItsInvoice_ThenIsBookedAgainstIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var (invoicePaid, invoiceId, total) = BasilInvoicePaid();
        var sale = await world.DeliverAsync(invoicePaid);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        var refund = await world.DeliverAsync(BasilRefundCreated(total));
        Assert.True(refund.Status == PayloadStatus.WaitingDependency, refund.ToString());

        var linked = await world.DeliverAsync(InvoicePaymentPaid(invoiceId));
        Assert.True(linked.Status == PayloadStatus.Skipped && linked.LastError!.StartsWith("SALE_LINKED", StringComparison.Ordinal), linked.ToString());
        Assert.Contains($"Invoice {sale.DocumentId} is linked under them", linked.LastError, StringComparison.Ordinal);

        var booked = await world.SettledAsync(refund.PayloadId, PayloadStatus.Succeeded, PayloadStatus.Failed);
        Assert.True(booked.Status == PayloadStatus.Succeeded, booked.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(total, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(sale.DocumentId, (string?)receipt["LinkedTxn"]![0]!["TxnId"]);
        Assert.Equal(0m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>
    /// The invoice payment may come before its invoice is booked: it waits for the invoice, links it once it is booked, and
    /// a refund after that finds the invoice at once. Told again, it links nothing twice.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoicePaymentBeforeItsInvoice_LinksItOnceBooked_SoALaterRefundFindsIt(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var (invoicePaid, invoiceId, total) = BasilInvoicePaid();
        var early = await world.DeliverAsync(InvoicePaymentPaid(invoiceId));
        Assert.True(early.Status == PayloadStatus.WaitingDependency, early.ToString());

        var sale = await world.DeliverAsync(invoicePaid);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var linked = await world.SettledAsync(early.PayloadId, PayloadStatus.Skipped, PayloadStatus.Failed);
        Assert.True(linked.LastError!.StartsWith("SALE_LINKED", StringComparison.Ordinal), linked.ToString());
        var again = await world.DeliverAsync(InvoicePaymentPaid(invoiceId, "evt_1QbasilInvoicePayment2"));
        Assert.True(again.LastError!.StartsWith("SALE_LINKED", StringComparison.Ordinal), again.ToString());

        var refund = await world.DeliverAsync(BasilRefundCreated(total));
        Assert.True(refund.Status == PayloadStatus.Succeeded, refund.ToString());
        Assert.Equal(sale.DocumentId, (string?)Assert.Single(world.Entities("RefundReceipt"))["LinkedTxn"]![0]!["TxnId"]);
    }

    /// <summary>
    /// A basil payment intent of an invoice that Stripe's own description does not mark (an integration's) is booked as a
    /// sale of its own, and its invoice too: the money is in the books twice. The invoice payment that pairs them voids the
    /// payment intent's own sale and its payment, so the invoice holds the money once, and a refund of the payment intent
    /// then goes back against the invoice.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoicePayment_WhosePaymentWasBookedAsASaleOfItsOwn_VoidsThatSale_SoTheMoneyIsBookedOnce(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var (invoicePaid, invoiceId, total) = BasilInvoicePaid();
        var own = await world.DeliverAsync(OwnPaymentIntentSucceeded(total));
        Assert.True(own.Status == PayloadStatus.Succeeded, own.ToString());
        var sale = await world.DeliverAsync(invoicePaid);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        Assert.Equal(2 * total, (await world.LedgerAsync())["Undeposited Funds"]);

        var linked = await world.DeliverAsync(InvoicePaymentPaid(invoiceId));

        Assert.True(linked.LastError!.StartsWith("SALE_LINKED", StringComparison.Ordinal), linked.ToString());
        Assert.Contains($"SALE_BOOKED_TWICE: payment_intent {BasilPaymentIntent} was booked as a sale of its own (Invoice {own.DocumentId})", linked.LastError,
            StringComparison.Ordinal);
        Assert.Contains("so the money is in the books once", linked.LastError, StringComparison.Ordinal);
        var voided = Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == own.DocumentId);
        Assert.Equal(0m, (decimal)voided["TotalAmt"]!);
        Assert.Equal([0m, total], world.Entities("Payment").Select(p => (decimal)p["TotalAmt"]!).Order());
        var ledger = await world.LedgerAsync();
        Assert.Equal((total, 0m), (ledger["Undeposited Funds"], ledger["Accounts Receivable (A/R)"]));

        var refund = await world.DeliverAsync(BasilRefundCreated(total));
        Assert.True(refund.Status == PayloadStatus.Succeeded, refund.ToString());
        Assert.Equal(sale.DocumentId, (string?)Assert.Single(world.Entities("RefundReceipt"))["LinkedTxn"]![0]!["TxnId"]);
        Assert.Equal(0m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>
    /// The same, but a refund was booked against the payment intent's own sale before the pair was known: voiding that sale
    /// would strand its refund, so nothing is voided and the sync log asks a person to mend it.
    /// </summary>
    [Theory, BothDatabases]
    public async Task InvoicePayment_WhosPaymentsOwnSaleWasRefunded_LeavesItToAPerson(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe");
        var (invoicePaid, invoiceId, total) = BasilInvoicePaid();
        var own = await world.DeliverAsync(OwnPaymentIntentSucceeded(total));
        var refund = await world.DeliverAsync(BasilRefundCreated(1.00m));
        Assert.True(refund.Status == PayloadStatus.Succeeded, refund.ToString());
        var sale = await world.DeliverAsync(invoicePaid);
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        var linked = await world.DeliverAsync(InvoicePaymentPaid(invoiceId));

        Assert.Contains("SALE_BOOKED_TWICE", linked.LastError, StringComparison.Ordinal);
        Assert.Contains("void one of them in QBO", linked.LastError, StringComparison.Ordinal);
        Assert.Equal(total, (decimal)Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == own.DocumentId)["TotalAmt"]!);
        Assert.Equal(2 * total - 1.00m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>The invoice's payment intent as an integration creates it (its own description): Stripe's mark of an invoice payment is missing.</summary>
    private static string OwnPaymentIntentSucceeded(decimal total) => $$"""
        {
          "id": "evt_3QbasilOwnPayment01", "object": "event", "api_version": "2025-03-31.basil", "created": 1648320015,
          "type": "payment_intent.succeeded",
          "data": { "object": {
            "id": "{{BasilPaymentIntent}}", "object": "payment_intent", "amount": {{(long)(total * 100)}}, "amount_received": {{(long)(total * 100)}},
            "currency": "usd", "description": "Order 1001", "latest_charge": "ch_3QbasilInvoiceCharge", "status": "succeeded", "created": 1648320010
          } }
        }
        """;

    private const string BasilPaymentIntent = "pi_3QbasilInvoicePay01";

    /// <summary>The fixture's paid invoice as API 2025-03-31.basil renders it: no charge, no payment intent.</summary>
    private static (string Body, string InvoiceId, decimal Total) BasilInvoicePaid()
    {
        var paid = Delivery.Fixture("stripe/invoice.paid.json");
        paid["api_version"] = "2025-03-31.basil";
        var invoice = paid["data"]!["object"]!.AsObject();
        invoice.Remove("charge");
        invoice.Remove("payment_intent");
        return (paid.ToJsonString(), (string)invoice["id"]!, Delivery.Cents(invoice["amount_paid"]));
    }

    private static string InvoicePaymentPaid(string invoiceId, string eventId = "evt_1QbasilInvoicePayment1") => $$"""
        {
          "id": "{{eventId}}", "object": "event", "api_version": "2025-03-31.basil", "created": 1648320016,
          "type": "invoice_payment.paid",
          "data": { "object": {
            "id": "inpay_1QbasilInvoicePay01", "object": "invoice_payment", "amount_paid": 2000, "amount_requested": 2000,
            "created": 1648320016, "currency": "usd", "invoice": "{{invoiceId}}", "is_default": true, "livemode": false,
            "payment": { "type": "payment_intent", "payment_intent": "{{BasilPaymentIntent}}" },
            "status": "paid", "status_transitions": { "canceled_at": null, "paid_at": 1648320016 }
          } }
        }
        """;

    private static string BasilRefundCreated(decimal amount) => $$"""
        {
          "id": "evt_1QbasilRefundCreated1", "object": "event", "api_version": "2025-03-31.basil", "created": 1648406400,
          "type": "refund.created",
          "data": { "object": {
            "id": "re_3QbasilRefund000001", "object": "refund", "amount": {{(long)(amount * 100)}}, "charge": "ch_3QbasilInvoiceCharge",
            "created": 1648406400, "currency": "usd", "payment_intent": "{{BasilPaymentIntent}}", "reason": "requested_by_customer", "status": "succeeded"
          } }
        }
        """;
}
