namespace AccountingIntegration.Mapping.Tests;

public sealed class MapStepTests
{
    [Theory]
    [InlineData("map:usd=USD,eur=EUR", "\"usd\"", "\"USD\"")]
    [InlineData("map:usd=USD,eur=EUR", "\"gbp\"", "\"gbp\"")]
    [InlineData("map:usd=USD,*=OTHER", "\"gbp\"", "\"OTHER\"")]
    [InlineData("map:usd=USD,*=OTHER", "\"USD\"", "\"OTHER\"")]
    [InlineData("map:1=one,2=two", "2", "\"two\"")]
    [InlineData("map:true=yes,false=no", "false", "\"no\"")]
    [InlineData("map:a=x", "null", "null")]
    [InlineData("map:a=x,*=y", Pipelines.Missing, Pipelines.Missing)]
    [InlineData("map:=empty,*=full", "\"\"", "\"empty\"")]
    [InlineData(@"map:a\,b=1,c\=d=2", "\"a,b\"", "\"1\"")]
    [InlineData(@"map:a\,b=1,c\=d=2", "\"c=d\"", "\"2\"")]
    [InlineData(@"map:\*=star,*=other", "\"*\"", "\"star\"")]
    [InlineData("map:paid=Paid,voided=Void", "\"voided\"", "\"Void\"")]
    [InlineData(@"map:a=x\:y", "\"a\"", "\"x:y\"")]
    [InlineData("map:a=", "\"a\"", "\"\"")]
    public void Run_Map_LooksUpWithFallback(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));
}
