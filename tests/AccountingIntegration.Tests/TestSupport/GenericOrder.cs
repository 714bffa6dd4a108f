namespace AccountingIntegration.Tests.TestSupport;

/// <summary>The generic JSON format's sample order, as docs/mapping.md prints it: three lines, 1080.00 in all.</summary>
internal static class GenericOrder
{
    public const string Json = """
        {
          "id": "ord_2026_0042",
          "number": "2026-0042",
          "date": "2026-03-01T09:30:00+01:00",
          "dueDate": "2026-03-31",
          "currency": "eur",
          "memo": "Thank you for your order",
          "customer": { "name": "Acme GmbH", "email": "billing@acme.example" },
          "lines": [
            { "description": "Consulting (hours)", "sku": "CONSULT-H", "quantity": 7.5, "unitPrice": "120.00" },
            { "description": "Travel flat fee", "sku": "TRAVEL", "unitPrice": 80 },
            { "description": "Licence, 3 seats", "sku": "LIC-SEAT", "quantity": 3, "unitPrice": 33.333, "amount": 100.00 }
          ]
        }
        """;
}
