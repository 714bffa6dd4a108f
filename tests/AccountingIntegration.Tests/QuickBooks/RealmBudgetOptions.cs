using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Tests.QuickBooks;

/// <summary>QBO options for budget tests, which only read the limits.</summary>
internal static class RealmBudgetOptions
{
    private static readonly Uri Nowhere = new("http://qbo.invalid/");

    public static QboOptions With(int perMinute) => new()
    {
        ClientId = "client",
        ClientSecret = "secret",
        RedirectUri = Nowhere,
        AuthorizeUrl = Nowhere,
        TokenUrl = Nowhere,
        RevokeUrl = Nowhere,
        UserInfoUrl = Nowhere,
        ApiBaseUrl = Nowhere,
        RequestsPerMinutePerRealm = perMinute,
    };
}
