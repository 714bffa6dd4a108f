namespace AccountingIntegration.Tests.Security.Fuzz;

/// <summary>
/// One generated request against the operation <c>Method Template</c>. <see cref="Describe"/> names what it was made
/// of — each path parameter's kind, the credential kind, Accept, the body's kind, the headers' names — and never a secret, so it can go
/// in a failure message.
/// </summary>
internal sealed record FuzzRequest(
    string Method,
    string Template,
    string Url,
    string PathKinds,
    FuzzCredential Credential,
    string? Accept,
    byte[]? Body,
    string BodyKind,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public string Operation => $"{Method} {Template}";

    public string Describe(int status) =>
        $"{Operation} [{PathKinds}] credential={Credential} Accept={Accept ?? "(none)"} body={BodyKind}" +
        (Body is null ? string.Empty : $" Content-Type={ContentType ?? "(none)"}") +
        (Headers.Count == 0 ? string.Empty : $" headers={string.Join(',', Headers.Select(h => h.Key))}") + $" → {status}";
}
