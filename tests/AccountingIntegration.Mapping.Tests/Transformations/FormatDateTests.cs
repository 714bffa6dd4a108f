using System.Globalization;

namespace AccountingIntegration.Mapping.Tests;

public sealed class FormatDateTests
{
    [Theory]
    [InlineData("\"2017-03-22\"", "\"2017-03-22\"")]
    [InlineData("\"2017-03-22T16:28:02\"", "\"2017-03-22\"")]
    [InlineData("\"2017-03-22 16:28:02\"", "\"2017-03-22\"")]
    [InlineData("\"2019-06-04T13:53:06-04:00\"", "\"2019-06-04\"")]
    [InlineData("\"2019-06-04T23:30:00-04:00\"", "\"2019-06-04\"")]
    [InlineData("\"2019-06-05T01:30:00+09:00\"", "\"2019-06-05\"")]
    [InlineData("\"2023-08-22T07:15:44.296865Z\"", "\"2023-08-22\"")]
    [InlineData("\"2022-03-31T23:59:59.037339943Z\"", "\"2022-03-31\"")]
    [InlineData("\"2022-03-31T23:59Z\"", "\"2022-03-31\"")]
    [InlineData("1648320015", "\"2022-03-26\"")]
    [InlineData("\"1648320015\"", "\"2022-03-26\"")]
    [InlineData("1648320015000", "\"2022-03-26\"")]
    [InlineData("\"1648320015123\"", "\"2022-03-26\"")]
    [InlineData("0", "\"1970-01-01\"")]
    [InlineData("-86400", "\"1969-12-31\"")]
    [InlineData("1648320015.75", "\"2022-03-26\"")]
    [InlineData("null", "null")]
    [InlineData("\"\"", "null")]
    [InlineData(Pipelines.Missing, Pipelines.Missing)]
    public void Run_FormatDate_WritesQboDate(string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run("formatDate", input));

    [Theory]
    [InlineData(@"formatDate:yyyy-MM-dd HH\:mm", "\"2019-06-04T13:53:06-04:00\"", "\"2019-06-04 13:53\"")]
    [InlineData("formatDate:dd/MM/yyyy", "\"2017-03-22\"", "\"22/03/2017\"")]
    [InlineData("formatDate:yyyyMMdd", "1648320015", "\"20220326\"")]
    [InlineData("formatDate:MMMM", "\"2017-03-22\"", "\"March\"")]
    public void Run_FormatDateWithFormat_UsesInvariantCulture(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Theory]
    [InlineData("\"22/03/2017\"")]
    [InlineData("\"2017-13-01\"")]
    [InlineData("\"2017-02-30\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("\"2017-03-22T25:00:00\"")]
    [InlineData("true")]
    [InlineData("{\"date\":\"2017-03-22\"}")]
    [InlineData("99999999999999999")]
    public void Run_MalformedDate_FailsWithReason(string input) =>
        Assert.Contains("not an ISO-8601 date or a Unix time", Pipelines.Fail("formatDate", input), StringComparison.Ordinal);

    [Fact]
    public void GetOrCompile_InvalidDotNetFormat_IsRejected() =>
        Assert.Contains("is not a valid .NET date format", Pipelines.CompileError("formatDate:%"), StringComparison.Ordinal);

    [Theory]
    // 2022-03-27T00:40:12Z is still the 26th in New York (EDT, -04:00) and already the 27th in Berlin.
    [InlineData("inTimeZone:America/New_York|formatDate", "1648341612", "\"2022-03-26\"")]
    [InlineData("inTimeZone:Europe/Berlin|formatDate", "1648341612", "\"2022-03-27\"")]
    [InlineData("formatDate", "1648341612", "\"2022-03-27\"")]
    [InlineData("inTimeZone:America/New_York", "1648341612", "\"2022-03-26T20:40:12-04:00\"")]
    [InlineData("inTimeZone:America/New_York", "\"2022-01-15T12:00:00Z\"", "\"2022-01-15T07:00:00-05:00\"")]
    [InlineData("inTimeZone:Asia/Tokyo|formatDate", "\"2019-06-04T23:30:00-04:00\"", "\"2019-06-05\"")]
    [InlineData("inTimeZone:UTC", "\"2017-03-22T16:28:02.5\"", "\"2017-03-22T16:28:02.5+00:00\"")]
    [InlineData("inTimeZone:Europe/Berlin", "null", "null")]
    [InlineData("inTimeZone:Europe/Berlin", "\"\"", "null")]
    public void Run_InTimeZone_GivesLocalDateOfThatZone(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Theory]
    // A calendar date or a time without offset is the sender's own reading: it keeps its date in any zone.
    [InlineData("inTimeZone:America/New_York|formatDate", "\"2026-03-01\"", "\"2026-03-01\"")]
    [InlineData("inTimeZone:Asia/Tokyo|formatDate", "\"2026-03-01\"", "\"2026-03-01\"")]
    [InlineData("inTimeZone:America/New_York", "\"2026-03-01\"", "\"2026-03-01T00:00:00-05:00\"")]
    [InlineData("inTimeZone:America/New_York", "\"2026-07-01T23:30:00\"", "\"2026-07-01T23:30:00-04:00\"")]
    [InlineData("inTimeZone:America/New_York|formatDate", "\"2026-03-01 23:30:00\"", "\"2026-03-01\"")]
    [InlineData("inTimeZone:Pacific/Kiritimati|formatDate", "\"2026-03-01T00:00:00.25\"", "\"2026-03-01\"")]
    public void Run_InTimeZoneOnValueWithoutOffset_KeepsItsDate(string transformation, string input, string expected) =>
        Assert.Equal(expected, Pipelines.Run(transformation, input));

    [Fact]
    public void Run_InTimeZoneOnMalformedDate_Fails() =>
        Assert.Contains("not an ISO-8601 date", Pipelines.Fail("inTimeZone:Europe/Berlin", "\"tomorrow\""), StringComparison.Ordinal);

    [Theory]
    [InlineData("inTimeZone:Mars/Olympus_Mons")]
    [InlineData("inTimeZone")]
    public void GetOrCompile_UnknownTimeZone_IsRejected(string transformation) =>
        Assert.Contains("'inTimeZone'", Pipelines.CompileError(transformation), StringComparison.Ordinal);

    [Theory]
    [InlineData("2008-01-10T11:00:00-05:00")]
    [InlineData("2019-06-04T23:30:00Z")]
    [InlineData("2024-02-29T00:00:00+14:00")]
    [InlineData("2024-02-29T23:59:59-14:00")]
    [InlineData("2024-01-01T10:00:00-00:00")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-04-31T00:00:00Z")]
    [InlineData("2024-01-01T24:00:00Z")]
    [InlineData("2024-01-01T10:60:00Z")]
    [InlineData("2024-01-01T10:00:60Z")]
    [InlineData("2024-01-01T10:00:00+14:01")]
    [InlineData("2024-01-01T10:00:00+15:00")]
    [InlineData("2024-01-01T10:00:00+05:60")]
    [InlineData("2024-00-10T10:00:00Z")]
    [InlineData("2024-13-10T10:00:00Z")]
    [InlineData("2024-01-00T10:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("0001-01-01T00:00:00-01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("9999-12-31T23:59:59+01:00")]
    [InlineData("2024-01-01T1a:00:00Z")]
    [InlineData("2024-01-01X10:00:00Z")]
    [InlineData("2024-01-01T10:00:00z")]
    [InlineData("2024-01-01T10:00:00+0500")]
    [InlineData("2024-01-01T10:00:00 05:00")]
    [InlineData("2024-01-01T10:00:00٠Z")]
    public void TryRead_PlainTimestamp_ReadsWhatTheGeneralParserReads(string text)
    {
        // The fast path for this one shape must agree with DateTimeOffset's own parser on everything, in range or not.
        var expected = DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var parsed) ? parsed.ToString("O", CultureInfo.InvariantCulture) : "(fails)";

        var actual = DateInput.TryRead(MappingValue.FromString(text), out var date) ? date.ToString("O", CultureInfo.InvariantCulture) : "(fails)";

        Assert.Equal(expected, actual);
    }
}
