namespace AccountingIntegration.Tests.Security.Fuzz;

/// <summary>
/// One generated request against the operation <c>Method Template</c>. <see cref="Describe"/> names what it was made
/// of — each path parameter's kind, the credential kind, Accept, the body's kind — and never a secret, so it can go
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
    string? ContentType)
{
    public string Operation => $"{Method} {Template}";

    public string Describe(int status) =>
        $"{Operation} [{PathKinds}] credential={Credential} Accept={Accept ?? "(none)"} body={BodyKind}" +
        (Body is null ? string.Empty : $" Content-Type={ContentType ?? "(none)"}") + $" → {status}";
}
