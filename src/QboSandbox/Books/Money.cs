namespace QboSandbox.Books;

/// <summary>Cents, rounded half away from zero (1861.075 → 1861.08, REFERENCE §3.5).</summary>
internal static class Money
{
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
