using System.Text.Json;

namespace AccountingIntegration.Tests.Security.Fuzz;

/// <summary>
/// What every answer must be (SPEC §7): never a 5xx, always an X-Request-Id, and every error a problem
/// document — <c>application/problem+json</c>, <c>success: false</c>, a stable <c>code</c>, and the HTTP status.
/// </summary>
internal static class FuzzAnswerCheck
{
    public const string ProblemContentType = "application/problem+json";

    /// <returns>What is wrong with the answer; empty when nothing is.</returns>
    public static List<string> Problems(FuzzRequest request, HttpResponseMessage response, byte[] body)
    {
        var problems = new List<string>();
        var status = (int)response.StatusCode;
        // The path as sent: the client removes dot segments first, so ".../%00/.." never carries its NUL to the server.
        var sentPath = response.RequestMessage?.RequestUri?.AbsolutePath ?? request.Url.Split('?')[0];
        if (sentPath.Contains("%00", StringComparison.Ordinal))
        {
            // Kestrel refuses a NUL in the request target while it parses the request line, before any middleware runs
            // (RequestRejectionReason.InvalidRequestTarget): a bare 400 that closes the connection, which no code of the
            // service sees. What can be checked is that it is refused.
            if (status != 400 || response.Headers.ConnectionClose != true)
            {
                problems.Add("a NUL in the path was not refused by the server with 400 and Connection: close");
            }

            return problems;
        }

        if (!response.Headers.TryGetValues("X-Request-Id", out var ids) || ids.All(string.IsNullOrEmpty))
        {
            problems.Add("no X-Request-Id");
        }

        if (status >= 500)
        {
            problems.Add("server error");
        }

        if (status < 400)
        {
            return problems;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != ProblemContentType)
        {
            problems.Add($"Content-Type {mediaType ?? "(none)"}, not {ProblemContentType}");
        }

        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            problems.Add($"the body is not JSON ({body.Length} bytes)");
            return problems;
        }

        if (problem.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"the body is a JSON {problem.ValueKind}, not an object");
            return problems;
        }

        if (!problem.TryGetProperty("success", out var success) || success.ValueKind != JsonValueKind.False)
        {
            problems.Add("no success: false");
        }

        if (!problem.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(code.GetString()))
        {
            problems.Add("no code");
        }

        if (!problem.TryGetProperty("status", out var stated) || stated.ValueKind != JsonValueKind.Number || !stated.TryGetInt32(out var value) || value != status)
        {
            problems.Add($"status member {(problem.TryGetProperty("status", out var s) ? s.GetRawText() : "(absent)")}, not {status}");
        }

        return problems;
    }
}
