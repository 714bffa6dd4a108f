using System.Reflection;
using System.Text.RegularExpressions;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Drift;
using AccountingIntegration.Features.OperatorConsole.Failures;
using AccountingIntegration.Features.Sync.References;
using AccountingIntegration.Features.Webhooks.Processing;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.OperatorConsole;

/// <summary>
/// Every code the service can record on a payload or a sync log row has words of its own: a code added without an
/// explanation fails here, whether it is a new constant or a new code written by the processing code.
/// </summary>
public sealed partial class FailureExplanationsTests
{
    /// <summary>The files that write a payload's outcome code or a sync log's error code.</summary>
    private static IEnumerable<string> WritingFiles() =>
        Directory.GetFiles(RepositoryFiles.PathOf("src/AccountingIntegration/Features/Webhooks/Processing"), "*.cs")
            .Append(RepositoryFiles.PathOf("src/AccountingIntegration/Features/Drift/DriftDetector.cs"));

    /// <summary>QBO faults the issue names, and the HTTP statuses recorded when QBO gives no fault code.</summary>
    private static readonly string[] QboFaults = ["6240", "6140", "2500", "610", "5010", "3200", "401", "403", "404", "400", "429", "500", "503", "6000", "2020"];

    private static readonly Assembly Service = typeof(OutcomeCodes).Assembly;

    /// <summary>Every code the service can record, from its constants: outcomes, the exceptions' codes, drift, and QBO's faults.</summary>
    public static TheoryData<string> RecordableCodes() => [.. Codes()];

    private static SortedSet<string> Codes()
    {
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in new[] { typeof(OutcomeCodes), typeof(DriftDetector) })
        {
            codes.UnionWith(CodeConstants(type));
        }

        codes.Add(ReferenceNotFoundException.ErrorCode);
        codes.Add(FingerprintUnsettledException.Code);
        codes.Add(Features.Webhooks.Ingest.IngestErrors.SourceNotFoundCode);
        codes.UnionWith(Enum.GetValues<QboErrorKind>().Select(FailureExplanations.RetryCode));
        codes.UnionWith(QboFaults.Select(f => FailureExplanations.QboPrefix + f));
        return codes;
    }

    [Theory]
    [MemberData(nameof(RecordableCodes))]
    public void EveryRecordableCode_HasItsOwnWords_AndAFix(string code)
    {
        var explanation = FailureExplanations.Explain(code);

        Assert.False(explanation.IsGeneral, $"{code} has no explanation of its own in FailureExplanations.");
        Assert.Equal(code, explanation.Code);
        Assert.False(string.IsNullOrWhiteSpace(explanation.Title));
        Assert.False(string.IsNullOrWhiteSpace(explanation.Cause));
        Assert.False(string.IsNullOrWhiteSpace(explanation.Fix));
        Assert.DoesNotContain(code, explanation.Title, StringComparison.Ordinal); // words, not the code again
    }

    [Fact]
    public void CodesWrittenByTheProcessingCode_AreAllRecordableCodes()
    {
        var known = Codes();
        var written = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in WritingFiles())
        {
            var text = File.ReadAllText(file);
            // Constants referenced as Type.Member whose value is a code (OutcomeCodes.NoMapping, IngestErrors.SourceNotFoundCode, …).
            foreach (Match reference in MemberReference().Matches(text))
            {
                var type = Service.GetTypes().FirstOrDefault(t => t.Name == reference.Groups[1].Value && !t.IsGenericType);
                if (type?.GetField(reference.Groups[2].Value, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) is { IsLiteral: true } field
                    && field.GetRawConstantValue() is string value && CodeShape().IsMatch(value))
                {
                    written.Add(value);
                }
            }

            // Codes written as literals.
            foreach (Match literal in CodeLiteral().Matches(text))
            {
                written.Add(literal.Groups[1].Value);
            }

            // QBO's faults: QBO_{fault code} is explained per code (with general words for codes unknown here), QBO_{kind} per kind.
            Assert.True(!text.Contains("$\"QBO_{", StringComparison.Ordinal) || text.Contains("e.Kind.ToString().ToUpperInvariant()", StringComparison.Ordinal)
                || text.Contains("e.Code ??", StringComparison.Ordinal), $"{file} writes a QBO_ code of a shape this test does not know.");
        }

        Assert.NotEmpty(written);
        Assert.Contains(OutcomeCodes.BookingRefused, written);
        Assert.Empty(written.Except(known));
    }

    [Fact]
    public void AnUnknownQboFault_StillGetsWords_WithItsFaultCode()
    {
        var explanation = FailureExplanations.Explain("QBO_9999");

        Assert.True(explanation.IsGeneral);
        Assert.Equal("9999", explanation.QboFaultCode);
        Assert.Contains("QuickBooks", explanation.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BOOKING_REFUSED: The sale's 6% rate has no tax code.", "BOOKING_REFUSED")]
    [InlineData("QBO_6240: Duplicate Name Exists Error", "QBO_6240")]
    [InlineData("Imported unfinished from the old system; replay it to process it here.", null)]
    [InlineData(null, null)]
    public void CodeOf_ReadsTheCodeALastErrorStartsWith(string? lastError, string? code) =>
        Assert.Equal(code, FailureExplanations.CodeOf(lastError));

    [Fact]
    public void FixLinks_PointAtTheConsolePageWhereTheFixIsMade()
    {
        Assert.Equal("/console/mapping/org1/src1", FailureExplanations.Explain("QBO_6240").FixUrl("org1", "src1"));
        Assert.StartsWith("/console/organizations/org1", FailureExplanations.Explain(OutcomeCodes.BookingRefused).FixUrl("org1", "src1"), StringComparison.Ordinal);
        Assert.StartsWith("/console/organizations/org1", FailureExplanations.Explain(OutcomeCodes.QboNotConnected).FixUrl("org1", "src1"), StringComparison.Ordinal);
        Assert.Equal("/console/organizations/org1/sources/src1", FailureExplanations.Explain(OutcomeCodes.EventInvalid).FixUrl("org1", "src1"));
    }

    private static IEnumerable<string> CodeConstants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => CodeShape().IsMatch(v));

    [GeneratedRegex(@"\b([A-Z][A-Za-z]+)\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex MemberReference();

    [GeneratedRegex(@"""([A-Z][A-Z0-9]*_[A-Z0-9_]+)""")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"^[A-Z][A-Z0-9]*_[A-Z0-9_]+$")]
    private static partial Regex CodeShape();
}
