namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>What every Accounting API call needs: the company (realm) and a valid access token.</summary>
internal sealed record QboCredentials(string RealmId, string AccessToken)
{
    /// <summary>Never print the token.</summary>
    public override string ToString() => $"realm {RealmId}";
}
