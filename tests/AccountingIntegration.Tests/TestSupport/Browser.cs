using System.Net;
using System.Text.RegularExpressions;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// Follows redirects the way a browser does, answering the sandbox's consent page by submitting
/// its form, until the navigation leaves for <see cref="StopAt"/> (the front end, which tests never load).
/// </summary>
internal sealed partial class Browser(Uri stopAt, string consentDecision = "approve") : IDisposable
{
    private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true });

    public Uri StopAt { get; } = stopAt;

    /// <summary>Every URL visited, in order.</summary>
    public List<Uri> Visited { get; } = [];

    public async Task<Uri> NavigateAsync(Uri start, IDictionary<string, string>? headers = null)
    {
        var url = start;
        for (var hop = 0; hop < 10; hop++)
        {
            if (url.ToString().StartsWith(StopAt.ToString(), StringComparison.Ordinal))
            {
                return url;
            }

            Visited.Add(url);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            headers = null; // credentials go to the first hop only, as a browser would not forward them.
            using var response = await _client.SendAsync(request);
            url = response.StatusCode switch
            {
                HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect =>
                    new Uri(url, response.Headers.Location!),
                HttpStatusCode.OK when response.Content.Headers.ContentType?.MediaType == "text/html" =>
                    await SubmitConsentAsync(url, await response.Content.ReadAsStringAsync()),
                _ => throw new InvalidOperationException($"Unexpected {(int)response.StatusCode} from {url}: {await response.Content.ReadAsStringAsync()}"),
            };
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    private async Task<Uri> SubmitConsentAsync(Uri page, string html)
    {
        var action = new Uri(page, WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value));
        var form = new Dictionary<string, string>
        {
            ["ticket"] = WebUtility.HtmlDecode(Ticket().Match(html).Groups[1].Value),
            ["realmId"] = WebUtility.HtmlDecode(Realm().Match(html).Groups[1].Value),
            ["decision"] = consentDecision,
        };
        Visited.Add(action);
        using var response = await _client.PostAsync(action, new FormUrlEncodedContent(form));
        return response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther
            ? new Uri(action, response.Headers.Location!)
            : throw new InvalidOperationException($"Consent answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"ticket\" value=\"([^\"]*)\"")]
    private static partial Regex Ticket();

    [GeneratedRegex("name=\"realmId\" value=\"([^\"]*)\"")]
    private static partial Regex Realm();
}
