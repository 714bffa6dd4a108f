namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>What every Accounting API call needs: the company (realm) and a valid access token.</summary>
internal sealed record QboCredentials(string RealmId, string AccessToken)
{
    /// <summary>What the calls made with these credentials are for; null lets the method decide (reads look up references, writes book documents).</summary>
    public QboTraffic? Traffic { get; init; }

    /// <summary>Never print the token.</summary>
    public override string ToString() => $"realm {RealmId}";
}
