namespace AccountingIntegration.Infrastructure.Security;

/// <summary>
/// Stands in for a logged exception whose text holds a secret (a URL with a token, say): same
/// type name and stack in its text, secret masked. Exceptions without secrets are logged as they are.
/// </summary>
internal sealed class RedactedException : Exception
{
    private readonly string _text;

    private RedactedException(Exception original, string text)
        : base(LogRedaction.Redact(original.Message))
    {
        _text = text;
        HResult = original.HResult;
    }

    public static Exception From(Exception exception)
    {
        var text = exception.ToString();
        var redacted = LogRedaction.Redact(text);
        return redacted == text ? exception : new RedactedException(exception, redacted);
    }

    public override string ToString() => _text;
}
