namespace AccountingIntegration.Mapping.Tests;

/// <summary>
/// The vendors' built-in templates are event templates: what each event becomes, no field mappings (the books'
/// adapters read the vendors' lines, tax, shipping and discounts; those fixtures are booked end to end by the
/// service's tests). That every known event of each adapter is listed, with an action that fits it, is checked
/// by the service's tests, which see both the templates and the adapters.
/// </summary>
public sealed class VendorTemplateTests
{
    public static TheoryData<string> Vendors => ["stripe", "shopify", "woocommerce", "paddle", "paypal", "square", "orders"];

    private static readonly string[] ActionNames =
        ["auto", "invoice", "invoice_and_payment", "sales_receipt", "payment", "refund_receipt", "credit_memo", "void", "ignore"];

    [Theory]
    [MemberData(nameof(Vendors))]
    public void Template_OfAVendor_IsAnEventTemplateWithoutFieldMappings(string sourceType)
    {
        var template = BuiltInTemplates.ForSourceType(sourceType);

        Assert.NotNull(template);
        Assert.Empty(template.FieldMappings);
        Assert.Empty(template.StaticValues);
        Assert.Equal(BuiltInTemplates.DefaultPriority, template.Priority);
        Assert.EndsWith(" events", template.Name, StringComparison.Ordinal);
        Assert.InRange(template.Description.Length, 1, 1000);
        Assert.All(template.EventActions.Values, action => Assert.Contains(action, ActionNames));
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void MeaningKeys_OfAVendorTemplate_HaveTheDocumentedDefaults(string sourceType)
    {
        var actions = BuiltInTemplates.ForSourceType(sourceType)!.EventActions;

        Assert.Equal(
            [("sale", "auto"), ("payment", "payment"), ("refund", "auto"), ("cancellation", "void")],
            new[] { "sale", "payment", "refund", "cancellation" }.Select(meaning => (meaning, actions[meaning])));
    }

    [Theory]
    [InlineData("stripe", "invoice.paid", "sale", "auto")]
    [InlineData("stripe", "payment_intent.succeeded", "sale", "auto")]
    [InlineData("stripe", "charge.refunded", "refund", "auto")]
    [InlineData("stripe", "charge.dispute.funds_withdrawn", "refund", "auto")]
    [InlineData("stripe", "charge.dispute.funds_reinstated", "refund", "auto")]
    [InlineData("stripe", "invoice.voided", "cancellation", "void")]
    [InlineData("stripe", "invoice.payment_succeeded", "nomoney", "ignore")]
    [InlineData("stripe", "customer.created", "nomoney", "ignore")]
    [InlineData("shopify", "orders/create", "sale", "auto")]
    [InlineData("shopify", "orders/paid", "sale", "auto")]
    [InlineData("shopify", "refunds/create", "refund", "auto")]
    [InlineData("shopify", "orders/cancelled", "cancellation", "void")]
    [InlineData("shopify", "orders/updated", "nomoney", "auto")]
    [InlineData("shopify", "orders/delete", "nomoney", "ignore")]
    [InlineData("woocommerce", "order.created", "sale", "auto")]
    [InlineData("woocommerce", "order.updated", "sale", "auto")]
    [InlineData("woocommerce", "order.deleted", "nomoney", "ignore")]
    [InlineData("paddle", "transaction.completed", "sale", "auto")]
    [InlineData("paddle", "adjustment.updated", "refund", "auto")]
    [InlineData("paddle", "transaction.paid", "nomoney", "ignore")]
    [InlineData("paypal", "PAYMENT.CAPTURE.COMPLETED", "sale", "auto")]
    [InlineData("paypal", "payment.capture.completed", "sale", "auto")]
    [InlineData("paypal", "PAYMENT.SALE.REFUNDED", "refund", "auto")]
    [InlineData("paypal", "CHECKOUT.ORDER.COMPLETED", "nomoney", "ignore")]
    [InlineData("square", "payment.updated", "sale", "auto")]
    [InlineData("square", "dispute.state.updated", "refund", "auto")]
    [InlineData("square", "dispute.created", "nomoney", "auto")]
    [InlineData("square", "webhooks.test_notification", "nomoney", "ignore")]
    [InlineData("orders", "order.paid", "sale", "auto")]
    [InlineData("orders", "payment.received", "payment", "payment")]
    [InlineData("orders", "refund.created", "refund", "auto")]
    [InlineData("orders", "order.cancelled", "cancellation", "void")]
    public void EventActionFor_AKnownEvent_IsTheTemplatesDefault(string sourceType, string eventType, string meaning, string expected) =>
        Assert.Equal(expected, Layers.FromTemplate(BuiltInTemplates.ForSourceType(sourceType)!).EventActionFor(eventType, meaning));

    [Fact]
    public void EventActionFor_AnEventTheTemplateDoesNotName_FallsBackToItsMeaning()
    {
        var mapping = Layers.FromTemplate(BuiltInTemplates.ForSourceType("stripe")!);

        Assert.Equal("auto", mapping.EventActionFor("invoice.some_new_event", "sale"));
        Assert.Equal("payment", mapping.EventActionFor("invoice.some_new_event", "payment"));
        Assert.Equal("void", mapping.EventActionFor("invoice.some_new_event", "cancellation"));
    }

    [Fact]
    public void Override_OfOneEventType_WinsOverTheTemplateForThatEventOnly()
    {
        var template = BuiltInTemplates.ForSourceType("stripe")!;
        var receipts = Layers.Layer("override", LayerKind.Override) with
        {
            EventActions = new Dictionary<string, string> { ["invoice.paid"] = "sales_receipt" },
        };

        var mapping = Layers.FromTemplate(template, receipts);

        Assert.Equal("sales_receipt", mapping.EventActionFor("invoice.paid", "sale"));
        Assert.Equal("override", mapping.EventActions.Single(a => a.Event == "invoice.paid").LayerId);
        Assert.Equal("auto", mapping.EventActionFor("charge.succeeded", "sale"));
    }

    /// <summary>A later layer's meaning key beats an earlier layer's type key: one override key changes every sale.</summary>
    [Fact]
    public void Override_OfAMeaning_BeatsTheTemplatesTypeKeys()
    {
        var template = BuiltInTemplates.ForSourceType("stripe")!;
        var receipts = Layers.Layer("override", LayerKind.Override) with
        {
            EventActions = new Dictionary<string, string> { ["sale"] = "sales_receipt" },
        };

        var mapping = Layers.FromTemplate(template, receipts);

        Assert.Equal("sales_receipt", mapping.EventActionFor("invoice.paid", "sale"));
        Assert.Equal("sales_receipt", mapping.EventActionFor("invoice.some_new_event", "sale"));
        Assert.Equal(["override", template.Name], mapping.EventActionCandidates("invoice.paid", "sale").Select(c => c.LayerId));
        // Events of another meaning keep the template's choice.
        Assert.Equal("ignore", mapping.EventActionFor("invoice.payment_failed", "nomoney"));
    }

    [Fact]
    public void SameLayer_TypeKeyBeatsMeaningKey()
    {
        var layer = Layers.Layer("override", LayerKind.Override) with
        {
            EventActions = new Dictionary<string, string> { ["sale"] = "sales_receipt", ["invoice.paid"] = "invoice_and_payment" },
        };

        var mapping = Layers.FromTemplate(BuiltInTemplates.ForSourceType("stripe")!, layer);

        Assert.Equal("invoice_and_payment", mapping.EventActionFor("invoice.paid", "sale"));
        Assert.Equal("sales_receipt", mapping.EventActionFor("charge.succeeded", "sale"));
    }

    [Fact]
    public void Names_OfTheTemplates_AreOnePerSourceTypeAndKeepTheirPreviousNames()
    {
        Assert.Equal(BuiltInTemplates.All.Count, BuiltInTemplates.All.Select(t => t.SourceType).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(
            [
                ("stripe", "Stripe events", "Stripe invoice.paid"),
                ("shopify", "Shopify events", "Shopify orders/paid"),
                ("woocommerce", "WooCommerce events", "WooCommerce order.created"),
                ("paddle", "Paddle events", "Paddle transaction.completed"),
                ("paypal", "PayPal events", "PayPal PAYMENTS.PAYMENT.CREATED"),
            ],
            BuiltInTemplates.All.Where(t => t.PreviousNames.Count > 0).Select(t => (t.SourceType, t.Name, Assert.Single(t.PreviousNames))));
        Assert.Empty(BuiltInTemplates.ForSourceType("square")!.PreviousNames);
    }
}
