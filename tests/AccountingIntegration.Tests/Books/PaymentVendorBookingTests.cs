using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Every Paddle, PayPal and Square fixture, end to end against the sandbox (the demo company: US dollars, one
/// currency). Paid sales become invoices with their payment; notices, pending refunds and disputes book nothing; a
/// foreign-currency sale is refused with its reason. Expected values come from the fixtures' own total fields.
/// </summary>
public sealed class PaymentVendorBookingTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Paddle_BooksTheCompletedTransaction_AndNothingElse(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paddle");
        var totals = Delivery.Fixture("paddle/transaction.completed.json")["data"]!["details"]!["totals"]!;

        var sale = await world.DeliverFixtureAsync("paddle/transaction.completed.json");

        AssertPaidInvoice(world, sale, Delivery.Cents(totals["grand_total"]));
        foreach (var fixture in new[] { "paddle/transaction.paid.json", "paddle/adjustment.created.json", "paddle/customer.created.json" })
        {
            AssertIgnored(await world.DeliverFixtureAsync(fixture), fixture);
        }

        Assert.Single(world.Entities("Invoice"));
        var ledger = await world.LedgerAsync();
        Assert.Equal(Delivery.Cents(totals["grand_total"]), ledger["Undeposited Funds"]);
        // Paddle, the merchant of record, charged the sales tax and remits it: it waits for the payout in a clearing
        // account of its own, and none of it is owed to the company's tax agencies.
        Assert.Equal(Delivery.Cents(totals["tax"]), ledger["Tax Collected by Merchant of Record"]);
        Assert.Equal(0m, ledger.GetValueOrDefault("Sales Tax Payable"));
    }

    /// <summary>
    /// The company keeps its own account for the tax Paddle withholds: its name says "merchant of record", and the tax goes
    /// there; no second clearing account is made beside it.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Paddle_CompanyWithItsOwnMerchantOfRecordAccount_TheTaxGoesThere(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paddle");
        var token = await world.Services.GetRequiredService<TokenManager>().GetValidTokenAsync(world.Organization.OrganizationId, CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/company/{world.RealmId}/account?minorversion=75");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        request.Content = new StringContent(new JsonObject
        {
            ["Name"] = "Paddle (merchant of record) tax withheld",
            ["AccountType"] = "Other Current Liability",
            ["AccountSubType"] = "OtherCurrentLiabilities",
        }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using (var created = await world.Control.SendAsync(request))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var totals = Delivery.Fixture("paddle/transaction.completed.json")["data"]!["details"]!["totals"]!;
        var sale = await world.DeliverFixtureAsync("paddle/transaction.completed.json");

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var ledger = await world.LedgerAsync();
        Assert.Equal(Delivery.Cents(totals["tax"]), ledger["Paddle (merchant of record) tax withheld"]);
        Assert.DoesNotContain(world.Entities("Account"), account => (string?)account["Name"] == "Tax Collected by Merchant of Record");
        Assert.Equal(0m, ledger.GetValueOrDefault("Sales Tax Payable"));
    }

    [Theory, BothDatabases]
    public async Task PayPal_BooksCapturesAndPayments_AndRefusesEurosInADollarCompany(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paypal");
        var capture = Delivery.Amount(Delivery.Fixture("paypal/PAYMENT.CAPTURE.COMPLETED.json")["resource"]!["amount"]!["value"]);
        var payment = Delivery.Amount(Delivery.Fixture("paypal/PAYMENTS.PAYMENT.CREATED.json")["resource"]!["transactions"]![0]!["amount"]!["total"]);

        var captured = await world.DeliverFixtureAsync("paypal/PAYMENT.CAPTURE.COMPLETED.json");
        AssertPaidInvoice(world, captured, capture);
        // The merchant's custom_id is for reconciling, not for the buyer: the private note keeps it, the printed memo does not.
        var customId = (string)Delivery.Fixture("paypal/PAYMENT.CAPTURE.COMPLETED.json")["resource"]!["custom_id"]!;
        var invoice = Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == captured.DocumentId);
        Assert.Contains($"reference {customId}", (string?)invoice["PrivateNote"], StringComparison.Ordinal);
        Assert.Null(invoice["CustomerMemo"]);
        AssertPaidInvoice(world, await world.DeliverFixtureAsync("paypal/PAYMENTS.PAYMENT.CREATED.json"), payment);
        AssertIgnored(await world.DeliverFixtureAsync("paypal/BILLING.PLAN.CREATED.json"), "BILLING.PLAN.CREATED");
        var euros = await world.DeliverFixtureAsync("paypal/PAYMENT.CAPTURE.COMPLETED.eur-sandbox.json");

        Assert.Equal(PayloadStatus.Failed, euros.Status);
        Assert.StartsWith("BOOKING_REFUSED", euros.LastError);
        Assert.Contains("EUR", euros.LastError);
        Assert.Equal(2, world.Entities("Invoice").Count);
        Assert.Equal(capture + payment, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>
    /// A UK company takes 100.00 USD through PayPal, which credits its GBP account at 0.772477 (net × rate): the invoice and
    /// its payment are booked at PayPal's rate, so the home-currency money in Undeposited Funds is what PayPal converted,
    /// not QBO's rate of the day. Without a conversion the documents take QBO's rate as before.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PayPal_CaptureConvertedIntoTheHomeCurrency_IsBookedAtPayPalsRate(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paypal",
            company: new QboSandbox.State.CompanySettings { Country = "GB", MultiCurrencyEnabled = true });
        var sale = await world.DeliverAsync(ConvertedCapture().ToJsonString());

        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"));
        var payment = Assert.Single(world.Entities("Payment"));
        Assert.Equal(("USD", 0.772477m, 0.772477m), ((string?)invoice["CurrencyRef"]!["value"], (decimal)invoice["ExchangeRate"]!, (decimal)payment["ExchangeRate"]!));
        Assert.Equal(77.25m, (await world.LedgerAsync())["Undeposited Funds"]);

        var unconverted = Delivery.Fixture("paypal/PAYMENT.CAPTURE.COMPLETED.json");
        unconverted["id"] = "WH-UNCONVERTED";
        unconverted["resource"]!["id"] = "CAPTURE-UNCONVERTED";
        var plain = await world.DeliverAsync(unconverted.ToJsonString());
        Assert.True(plain.Status == PayloadStatus.Succeeded, plain.ToString());
        var other = Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == plain.DocumentId);
        Assert.NotEqual(0.772477m, (decimal)other["ExchangeRate"]!);
    }

    /// <summary>
    /// The same UK company refunds 40.00 of the 100.00 USD capture. PayPal takes the refund out of its GBP balance at the
    /// rate it states (net_amount_breakdown[].exchange_rate, 0.781234): the refund receipt takes that rate, so what leaves
    /// Undeposited Funds is the 31.25 GBP that left the PayPal balance, not 40.00 at QBO's rate of the day.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PayPal_RefundConvertedOutOfTheHomeCurrency_IsBookedAtPayPalsRate(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paypal",
            company: new QboSandbox.State.CompanySettings { Country = "GB", MultiCurrencyEnabled = true });
        var sale = await world.DeliverAsync(ConvertedCapture().ToJsonString());
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());

        var refunded = await world.DeliverAsync("""
            {
              "id": "WH-REFUND-CONVERTED-0001",
              "event_version": "1.0",
              "create_time": "2021-10-20T09:12:44.120Z",
              "resource_type": "refund",
              "resource_version": "2.0",
              "event_type": "PAYMENT.CAPTURE.REFUNDED",
              "summary": "A $ 40.00 USD capture payment was refunded",
              "resource": {
                "id": "REFUND-CONVERTED-1",
                "amount": { "value": "40.00", "currency_code": "USD" },
                "seller_payable_breakdown": {
                  "gross_amount": { "value": "40.00", "currency_code": "USD" },
                  "paypal_fee": { "value": "1.52", "currency_code": "USD" },
                  "net_amount": { "value": "38.48", "currency_code": "USD" },
                  "net_amount_breakdown": [{
                    "payable_amount": { "value": "38.48", "currency_code": "USD" },
                    "converted_amount": { "value": "30.06", "currency_code": "GBP" },
                    "exchange_rate": { "source_currency": "USD", "target_currency": "GBP", "value": "0.781234" }
                  }],
                  "total_refunded_amount": { "value": "40.00", "currency_code": "USD" }
                },
                "status": "COMPLETED",
                "create_time": "2021-10-20T02:12:40-07:00",
                "links": [{ "href": "https://api.sandbox.paypal.com/v2/payments/captures/5VK462069F664902F", "rel": "up", "method": "GET" }]
              }
            }
            """);

        Assert.True(refunded.Status == PayloadStatus.Succeeded, refunded.ToString());
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(("USD", 40.00m, 0.781234m), ((string?)receipt["CurrencyRef"]!["value"], (decimal)receipt["TotalAmt"]!, (decimal)receipt["ExchangeRate"]!));
        Assert.Equal(77.25m - 31.25m, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    /// <summary>
    /// A v1 checkout payment whose sale was still pending when PAYMENTS.PAYMENT.CREATED came (an eCheck, a review hold):
    /// that event books the sale unpaid, and PAYMENT.SALE.COMPLETED applies its payment. For a sale completed at once, the
    /// same event finds the invoice paid and books nothing more.
    /// </summary>
    [Theory, BothDatabases]
    public async Task PayPal_V1SalePendingAtFirst_IsPaidWhenItCompletes_AndACompletedOneIsNotPaidTwice(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "paypal");
        var created = Delivery.Fixture("paypal/PAYMENTS.PAYMENT.CREATED.json");
        var sale = created["resource"]!["transactions"]![0]!["related_resources"]![0]!["sale"]!.AsObject();
        var total = Delivery.Amount(sale["amount"]!["total"]);
        var completed = new JsonObject
        {
            ["id"] = "WH-5ALE-COMPLETED-0001",
            ["create_time"] = "2019-08-29T11:30:00.000Z",
            ["resource_type"] = "sale",
            ["event_type"] = "PAYMENT.SALE.COMPLETED",
            ["resource"] = sale.DeepClone(),
        };

        // The same payment, delivered while its sale was pending, then its sale completed: booked unpaid, then paid.
        var pendingPayment = created.DeepClone().AsObject();
        pendingPayment["resource"]!["transactions"]![0]!["related_resources"]![0]!["sale"]!["state"] = "pending";
        var unpaid = await world.DeliverAsync(pendingPayment.ToJsonString());
        Assert.Equal(total, (decimal)Assert.Single(world.Entities("Invoice"))["Balance"]!);
        var settled = await world.DeliverAsync(completed.ToJsonString());

        Assert.Equal((PayloadStatus.Succeeded, PayloadStatus.Succeeded), (unpaid.Status, settled.Status));
        var invoice = Assert.Single(world.Entities("Invoice"));
        Assert.Equal(0m, (decimal)invoice["Balance"]!);
        var payment = Assert.Single(world.Entities("Payment"));
        Assert.Equal((total, (string?)invoice["Id"]), ((decimal)payment["TotalAmt"]!, (string?)payment["Line"]![0]!["LinkedTxn"]![0]!["TxnId"]));

        // Told again (PayPal repeats it when a held payment is released): its payment is found booked.
        completed["id"] = "WH-5ALE-COMPLETED-0002";
        Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(completed.ToJsonString())).Status);
        Assert.Single(world.Entities("Payment"));

        // Another payment whose sale had completed by PAYMENTS.PAYMENT.CREATED: that event applied the payment, and the
        // sale's own event finds the invoice owing nothing.
        var atOnce = created.DeepClone().AsObject();
        atOnce["id"] = "WH-PAYMENT-CREATED-AT-ONCE";
        atOnce["resource"]!["id"] = "PAYID-AT-ONCE";
        var atOnceSale = atOnce["resource"]!["transactions"]![0]!["related_resources"]![0]!["sale"]!;
        atOnceSale["id"] = "SALE-AT-ONCE";
        atOnceSale["parent_payment"] = "PAYID-AT-ONCE";
        Assert.Equal(PayloadStatus.Succeeded, (await world.DeliverAsync(atOnce.ToJsonString())).Status);
        completed["id"] = "WH-5ALE-COMPLETED-0003";
        completed["resource"] = atOnceSale.DeepClone();
        AssertIgnored(await world.DeliverAsync(completed.ToJsonString()), "PAYMENT.SALE.COMPLETED of a payment paid at once");
        Assert.Equal(2, world.Entities("Payment").Count);
        Assert.All(world.Entities("Invoice"), paid => Assert.Equal(0m, (decimal)paid["Balance"]!));
        Assert.Equal(2 * total, (await world.LedgerAsync())["Undeposited Funds"]);
    }

    [Theory, BothDatabases]
    public async Task Square_BooksThePayment_AndARefundOfAnotherPaymentWaitsThenFails(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "square");
        var paid = Delivery.Cents(Delivery.Fixture("square/payment.updated.json")["data"]!["object"]!["payment"]!["total_money"]!["amount"]);

        AssertPaidInvoice(world, await world.DeliverFixtureAsync("square/payment.updated.json"), paid);
        foreach (var fixture in new[] { "square/refund.created.json", "square/dispute.created.json", "square/order.updated.json", "square/webhooks.test_notification.json" })
        {
            AssertIgnored(await world.DeliverFixtureAsync(fixture), fixture);
        }

        // refund.updated refunds a payment this company never booked: it waits for it, then fails with the reason.
        var refund = await world.DeliverFixtureAsync("square/refund.updated.json");
        Assert.Equal(PayloadStatus.WaitingDependency, refund.Status);
        world.Clock.Advance(TimeSpan.FromHours(25));
        var expired = await world.SettledAsync(refund.PayloadId, PayloadStatus.Failed);
        Assert.StartsWith("DEPENDENCY_MISSING", expired.LastError);
        Assert.Contains("KkAkhdMsgzn59SM8A89WgKwekxLZY", expired.LastError);
        Assert.Empty(world.Entities("RefundReceipt"));
    }

    [Theory, BothDatabases]
    public async Task Square_RefundOfABookedPayment_IsLinkedToItsSale(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "square");
        var payment = Delivery.Fixture("square/payment.updated.json");
        var paymentId = (string)payment["data"]!["object"]!["payment"]!["id"]!;
        var paid = Delivery.Cents(payment["data"]!["object"]!["payment"]!["total_money"]!["amount"]);
        var refund = Delivery.Fixture("square/refund.updated.json");
        refund["data"]!["object"]!["refund"]!["payment_id"] = paymentId;
        refund["data"]!["object"]!["refund"]!["amount_money"]!["amount"] = 100;

        var sale = await world.DeliverFixtureAsync("square/payment.updated.json");
        var refunded = await world.DeliverAsync(refund.ToJsonString());

        Assert.Equal(PayloadStatus.Succeeded, refunded.Status);
        var receipt = Assert.Single(world.Entities("RefundReceipt"));
        Assert.Equal(1.00m, (decimal)receipt["TotalAmt"]!);
        Assert.Equal(sale.DocumentId, (string?)receipt["LinkedTxn"]![0]!["TxnId"]);
        var ledger = await world.LedgerAsync();
        Assert.Equal(paid - 1.00m, ledger["Undeposited Funds"]);
        Assert.Equal(0m, ledger["Accounts Receivable (A/R)"]);
    }

    /// <summary>
    /// A Square payment states no tax: in a UK company the takings are booked out of scope ("No VAT"), not claimed as a
    /// zero-rated sale on the VAT return, and the sync log says that any VAT inside them is not in the tax accounts. A US
    /// company that keeps no sales tax is told nothing.
    /// </summary>
    [Theory, BothDatabases]
    public async Task Square_PaymentInACompanyThatKeepsVat_SaysItsTaxIsNotStated(DatabaseKind kind)
    {
        var database = await databases.GetAsync(kind);
        foreach (var (country, currency, noted) in new[] { ("GB", "GBP", true), ("US", "USD", false) })
        {
            await using var world = await PipelineWorld.StartAsync(database, "square", company: new QboSandbox.State.CompanySettings { Country = country });
            var payment = Delivery.Fixture("square/payment.updated.json");
            foreach (var money in new[] { "amount_money", "total_money", "approved_money" })
            {
                if (payment["data"]!["object"]!["payment"]![money] is JsonObject stated)
                {
                    stated["currency"] = currency;
                }
            }

            var sale = await world.DeliverAsync(payment.ToJsonString());

            Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
            Assert.Equal(noted, sale.Detail.ToString().Contains("TAX_NOT_STATED", StringComparison.Ordinal));
            if (country == "GB")
            {
                var taxCodes = world.Entities("TaxCode").ToDictionary(c => (string)c["Id"]!, c => (string)c["Name"]!);
                var codes = Assert.Single(world.Entities("Invoice"))["Line"]!.AsArray()
                    .Where(l => (string?)l!["DetailType"] == "SalesItemLineDetail")
                    .Select(l => taxCodes[(string)l!["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!]);
                Assert.All(codes, code => Assert.Equal("No VAT", code));
            }
        }
    }

    /// <summary>The fixture's capture as 100.00 USD credited to a GBP account at PayPal's 0.772477 (net × rate).</summary>
    private static JsonObject ConvertedCapture()
    {
        var converted = Delivery.Fixture("paypal/PAYMENT.CAPTURE.COMPLETED.json");
        var capture = converted["resource"]!;
        capture["amount"] = JsonNode.Parse("""{ "currency_code": "USD", "value": "100.00" }""");
        capture["seller_receivable_breakdown"] = JsonNode.Parse("""
            {
              "gross_amount": { "currency_code": "USD", "value": "100.00" },
              "paypal_fee": { "currency_code": "USD", "value": "3.79" },
              "net_amount": { "currency_code": "USD", "value": "96.21" },
              "receivable_amount": { "currency_code": "GBP", "value": "74.32" },
              "exchange_rate": { "source_currency": "USD", "target_currency": "GBP", "value": "0.772477" }
            }
            """);
        return converted;
    }

    private static void AssertPaidInvoice(PipelineWorld world, Delivered sale, decimal total)
    {
        Assert.True(sale.Status == PayloadStatus.Succeeded, sale.ToString());
        var invoice = Assert.Single(world.Entities("Invoice"), i => (string?)i["Id"] == sale.DocumentId);
        Assert.Equal(total, (decimal)invoice["TotalAmt"]!);
        Assert.Equal(0m, (decimal)invoice["Balance"]!);
    }

    private static void AssertIgnored(Delivered delivered, string what) =>
        Assert.True(delivered.Status == PayloadStatus.Skipped && delivered.LastError!.StartsWith("EVENT_IGNORED", StringComparison.Ordinal), $"{what}: {delivered}");
}
