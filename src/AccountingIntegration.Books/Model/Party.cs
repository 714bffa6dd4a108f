namespace AccountingIntegration.Books;

/// <summary>Who bought: as much as the vendor told, any of it possibly missing.</summary>
public sealed record Party
{
    public string? Email { get; init; }

    /// <summary>A person's full name.</summary>
    public string? Name { get; init; }

    public string? Company { get; init; }

    public string? Phone { get; init; }

    /// <summary>The vendor's own id of the customer (Stripe cus_…, Paddle ctm_…), the last resort for a name.</summary>
    public string? ExternalId { get; init; }

    public Address? BillingAddress { get; init; }

    public Address? ShippingAddress { get; init; }

    /// <summary>True when nothing identifies the buyer at all.</summary>
    public bool IsAnonymous => Email is null && Name is null && Company is null && ExternalId is null;
}

public sealed record Address
{
    public string? Line1 { get; init; }

    public string? Line2 { get; init; }

    public string? City { get; init; }

    /// <summary>State, province or county code (CA, ON).</summary>
    public string? Region { get; init; }

    public string? PostalCode { get; init; }

    /// <summary>ISO 3166 alpha-2 when the vendor gives it.</summary>
    public string? Country { get; init; }
}
