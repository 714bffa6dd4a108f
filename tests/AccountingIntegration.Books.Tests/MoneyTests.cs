namespace AccountingIntegration.Books.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(1999L, "USD", "19.99")]
    [InlineData(1999L, "usd", "19.99")]
    [InlineData(1999L, "JPY", "1999")]
    [InlineData(1999L, "KWD", "1.999")]
    [InlineData(-905L, "EUR", "-9.05")]
    public void FromMinorUnits_FollowsTheCurrencysExponent(long amount, string currency, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Money.FromMinorUnits(amount, currency));

    [Fact]
    public void FromMinorUnits_Text_ReadsPaddlesStrings() => Assert.Equal(652.15m, Money.FromMinorUnits("65215", "USD"));

    [Theory]
    [InlineData("2.345", "2.35")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("2.344", "2.34")]
    public void Round_HalfAwayFromZero(string amount, string expected) =>
        Assert.Equal(Money.Parse(expected), Money.Round(Money.Parse(amount)));
}
