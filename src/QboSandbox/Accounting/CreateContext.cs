namespace QboSandbox.Accounting;

/// <summary>What a create needs besides the body: the clock, options and request flags.</summary>
internal sealed record CreateContext(DateTimeOffset Now, DateOnly Today, SandboxOptions Options, int MinorVersion, bool AllowDuplicateDocNumber)
{
    /// <summary>
    /// Entities created by earlier items of the batch being run ("Entity/Id"). Batch items are
    /// independent, so a later item cannot reference them (REFERENCE §7).
    /// </summary>
    public HashSet<string>? CreatedInThisBatch { get; init; }

    public bool CanReference(string entity, string id) => CreatedInThisBatch?.Contains(entity + "/" + id) != true;
}
