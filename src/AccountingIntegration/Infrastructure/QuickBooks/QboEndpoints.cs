namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>Intuit's published endpoints (qbo/REFERENCE.md §1.1, §2.1) and the local sandbox's equivalents.</summary>
internal sealed record QboEndpoints(Uri Authorize, Uri Token, Uri Revoke, Uri UserInfo, Uri Api)
{
    public static QboEndpoints For(QboEnvironment environment, int localSandboxPort)
    {
        if (environment == QboEnvironment.Local)
        {
            // The local sandbox serves Intuit's paths on one host.
            var root = new Uri($"http://127.0.0.1:{localSandboxPort}");
            return new QboEndpoints(
                new Uri(root, "/connect/oauth2"),
                new Uri(root, "/oauth2/v1/tokens/bearer"),
                new Uri(root, "/v2/oauth2/tokens/revoke"),
                new Uri(root, "/v1/openid_connect/userinfo"),
                root);
        }

        var production = environment == QboEnvironment.Production;
        return new QboEndpoints(
            new Uri("https://appcenter.intuit.com/connect/oauth2"),
            new Uri("https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"),
            new Uri("https://developer.api.intuit.com/v2/oauth2/tokens/revoke"),
            new Uri(production
                ? "https://accounts.platform.intuit.com/v1/openid_connect/userinfo"
                : "https://sandbox-accounts.platform.intuit.com/v1/openid_connect/userinfo"),
            new Uri(production ? "https://quickbooks.api.intuit.com" : "https://sandbox-quickbooks.api.intuit.com"));
    }
}
