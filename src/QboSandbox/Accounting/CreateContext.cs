namespace QboSandbox.Accounting;

/// <summary>What a create needs besides the body: the clock, options and request flags.</summary>
internal sealed record CreateContext(DateTimeOffset Now, DateOnly Today, SandboxOptions Options, int MinorVersion, bool AllowDuplicateDocNumber);
