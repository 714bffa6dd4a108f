using AccountingIntegration.Infrastructure.Data;
using MySqlConnector;

namespace AccountingIntegration.Tests.Hosting;

public sealed class DatabaseUrlTests
{
    [Fact]
    public void Parse_SqliteThreeSlashes_IsRelativeToTheWorkingDirectory()
    {
        var url = DatabaseUrl.Parse("sqlite:///data/accounting.db");

        Assert.Equal(DatabaseProvider.Sqlite, url.Provider);
        Assert.Equal(Path.GetFullPath("data/accounting.db"), url.DatabaseName);
    }

    [Fact]
    public void Parse_SqliteFourSlashes_IsAbsolute()
    {
        Assert.Equal("/var/lib/ai/x.db", DatabaseUrl.Parse("sqlite:////var/lib/ai/x.db").DatabaseName);
    }

    [Fact]
    public void Parse_MySqlWithEscapedPasswordAndOptions_BuildsTheConnectionString()
    {
        var url = DatabaseUrl.Parse("mysql://app:p%40ss%3Aword@db.internal:3307/accounting?SslMode=Required");
        var builder = new MySqlConnectionStringBuilder(url.ConnectionString);

        Assert.Equal(DatabaseProvider.MySql, url.Provider);
        Assert.Equal("db.internal", builder.Server);
        Assert.Equal(3307u, builder.Port);
        Assert.Equal("app", builder.UserID);
        Assert.Equal("p@ss:word", builder.Password);
        Assert.Equal("accounting", builder.Database);
        Assert.Equal(MySqlSslMode.Required, builder.SslMode);
        Assert.DoesNotContain("p@ss", url.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mariadb://u:p@h/db")]
    [InlineData("mysql+aiomysql://u:p@h:3306/db")]
    public void Parse_SeedAndMariaDbSchemes_AreMySql(string value) =>
        Assert.Equal(DatabaseProvider.MySql, DatabaseUrl.Parse(value).Provider);

    [Fact]
    public void TryParse_UnknownMySqlOption_NamesIt()
    {
        Assert.False(DatabaseUrl.TryParse("mysql://u:p@h/db?Bogus=1", out _, out var problem));
        Assert.Equal("has an unknown MySQL option 'Bogus'", problem);
    }
}
