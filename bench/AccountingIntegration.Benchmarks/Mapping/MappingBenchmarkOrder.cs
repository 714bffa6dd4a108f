namespace AccountingIntegration.Benchmarks;

/// <summary>
/// A 3-line Shopify order in the shape of Shopify's published order resource (REST fixture #1001, with
/// an 18-digit id and the usual extra objects a real delivery carries), inlined so the benchmark needs no files.
/// </summary>
internal static class MappingBenchmarkOrder
{
    public const string Json = """
        {
          "id": 820982911946154508, "email": "bob.norman@hostmail.com", "closed_at": null,
          "created_at": "2008-01-10T11:00:00-05:00", "updated_at": "2008-01-10T11:00:00-05:00",
          "number": 1, "note": null, "token": "b1946ac92492d2347c6235b4d2611184", "gateway": "authorize_net",
          "test": false, "total_price": "409.94", "subtotal_price": "398.00", "total_weight": 0, "total_tax": "11.94",
          "taxes_included": false, "currency": "USD", "financial_status": "paid", "confirmed": true,
          "total_discounts": "0.00", "total_line_items_price": "597.00", "cart_token": "68778783ad298f1c80c3bafcddeea02f",
          "buyer_accepts_marketing": false, "name": "#1001", "referring_site": "http://www.otherexample.com",
          "landing_site": "http://www.example.com?source=abc", "cancelled_at": null, "cancel_reason": null,
          "total_price_usd": "409.94", "checkout_token": null, "reference": "fhwdgads", "user_id": null,
          "location_id": null, "source_identifier": null, "source_url": null, "processed_at": "2008-01-10T11:00:00-05:00",
          "device_id": null, "phone": "+557734881234", "customer_locale": "en", "app_id": null, "browser_ip": "0.0.0.0",
          "landing_site_ref": "abc", "order_number": 1001,
          "discount_applications": [],
          "discount_codes": [ { "code": "TENOFF", "amount": "10.00", "type": "percentage" } ],
          "note_attributes": [ { "name": "custom engraving", "value": "Happy Birthday" } ],
          "payment_gateway_names": [ "bogus" ], "processing_method": "direct", "source_name": "web",
          "tax_lines": [ { "price": "11.94", "rate": 0.06, "title": "State Tax" } ],
          "tags": "", "contact_email": "bob.norman@hostmail.com",
          "line_items": [
            { "id": 466157049, "variant_id": 39072856, "title": "IPod Nano - 8gb", "quantity": 1, "sku": "IPOD2008GREEN",
              "variant_title": "green", "vendor": null, "fulfillment_service": "manual", "product_id": 632910392,
              "requires_shipping": true, "taxable": true, "gift_card": false, "name": "IPod Nano - 8gb - green",
              "variant_inventory_management": "shopify", "properties": [ { "name": "Custom Engraving Front", "value": "Happy Birthday" } ],
              "product_exists": true, "fulfillable_quantity": 1, "grams": 200, "price": "199.00", "total_discount": "0.00",
              "fulfillment_status": null, "tax_lines": [ { "title": "State Tax", "price": "3.98", "rate": 0.06 } ] },
            { "id": 518995019, "variant_id": 49148385, "title": "IPod Nano - 8gb", "quantity": 1, "sku": "IPOD2008RED",
              "variant_title": "red", "vendor": null, "fulfillment_service": "manual", "product_id": 632910392,
              "requires_shipping": true, "taxable": true, "gift_card": false, "name": "IPod Nano - 8gb - red",
              "variant_inventory_management": "shopify", "properties": [],
              "product_exists": true, "fulfillable_quantity": 1, "grams": 200, "price": "199.00", "total_discount": "0.00",
              "fulfillment_status": null, "tax_lines": [ { "title": "State Tax", "price": "3.98", "rate": 0.06 } ] },
            { "id": 703073504, "variant_id": 457924702, "title": "IPod Nano - 8gb", "quantity": 1, "sku": "IPOD2008BLACK",
              "variant_title": "black", "vendor": null, "fulfillment_service": "manual", "product_id": 632910392,
              "requires_shipping": true, "taxable": true, "gift_card": false, "name": "IPod Nano - 8gb - black",
              "variant_inventory_management": "shopify", "properties": [],
              "product_exists": true, "fulfillable_quantity": 1, "grams": 200, "price": "199.00", "total_discount": "0.00",
              "fulfillment_status": null, "tax_lines": [ { "title": "State Tax", "price": "3.98", "rate": 0.06 } ] }
          ],
          "shipping_lines": [ { "code": "Free Shipping", "price": "0.00", "source": "shopify", "title": "Free Shipping", "tax_lines": [] } ],
          "billing_address": { "first_name": "Bob", "address1": "Chestnut Street 92", "phone": "555-625-1199", "city": "Louisville",
            "zip": "40202", "province": "Kentucky", "country": "United States", "last_name": "Norman", "address2": "",
            "company": null, "latitude": 45.41634, "longitude": -75.6868, "name": "Bob Norman", "country_code": "US", "province_code": "KY" },
          "shipping_address": { "first_name": "Bob", "address1": "Chestnut Street 92", "phone": "555-625-1199", "city": "Louisville",
            "zip": "40202", "province": "Kentucky", "country": "United States", "last_name": "Norman", "address2": "",
            "company": null, "latitude": 45.41634, "longitude": -75.6868, "name": "Bob Norman", "country_code": "US", "province_code": "KY" },
          "customer": { "id": 207119551, "email": "bob.norman@hostmail.com", "accepts_marketing": false,
            "created_at": "2008-01-10T11:00:00-05:00", "updated_at": "2008-01-10T11:00:00-05:00", "first_name": "Bob",
            "last_name": "Norman", "orders_count": 1, "state": "disabled", "total_spent": "199.65", "last_order_id": 450789469,
            "note": null, "verified_email": true, "tax_exempt": false, "phone": "+16136120707", "tags": "",
            "last_order_name": "#1001", "currency": "USD" }
        }
        """;
}
