namespace AccountingIntegration.Features.Connections;

/// <summary>An organization and the QBO company it is connected to.</summary>
internal sealed record ConnectedCompany
{
    public required string OrganizationId { get; init; }

    public required string RealmId { get; init; }
}
