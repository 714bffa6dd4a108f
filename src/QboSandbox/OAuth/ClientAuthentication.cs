using System.Text;

namespace QboSandbox.OAuth;

/// <summary>
/// Client authentication for the token and revoke endpoints: HTTP Basic (what Intuit's clients send),
/// or client_secret_post when no Basic header is present (listed in the discovery document). Sending
/// client_id in the body alongside Basic is rejected with invalid_client, as reported (REFERENCE §1.8).
/// </summary>
internal static class ClientAuthentication
{
    public static SandboxOAuthApp? Authenticate(HttpRequest request, AppRegistry apps, IFormCollection? form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (form is not null && form.ContainsKey("client_id"))
            {
                return null;
            }

            var (clientId, secret) = DecodeBasic(header["Basic ".Length..].Trim());
            return clientId is null || secret is null ? null : apps.Authenticate(clientId, secret);
        }

        if (form is not null && form["client_id"].ToString() is { Length: > 0 } id && form["client_secret"].ToString() is { Length: > 0 } postSecret)
        {
            return apps.Authenticate(id, postSecret);
        }

        return null;
    }

    private static (string? ClientId, string? Secret) DecodeBasic(string value)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }
}
