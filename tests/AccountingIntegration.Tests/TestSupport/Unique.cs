namespace AccountingIntegration.Tests.TestSupport;

internal static class Unique
{
    /// <summary>A slug no other test uses: lower-case letters and digits, valid for organizations.</summary>
    public static string Slug(string prefix = "org") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
}
