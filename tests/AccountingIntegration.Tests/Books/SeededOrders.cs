namespace AccountingIntegration.Tests.Books;

/// <summary>
/// What the random order generators share: a random source seeded so the same seed draws the same orders, line ids that
/// do not collide across seeds, amounts drawn in cents, and rounding to the cent as the vendors round (half away from zero).
/// </summary>
internal abstract class SeededOrders(int seed)
{
    private long _nextLineId = 1_000_000L * seed;

    protected int Seed { get; } = seed;

    protected Random Random { get; } = new(seed);

    protected long NextLineId() => _nextLineId++;

    /// <summary>An amount from <paramref name="min"/> to <paramref name="max"/> cents.</summary>
    protected decimal Cents(int min, int max) => Random.Next(min, max + 1) / 100m;

    protected static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
