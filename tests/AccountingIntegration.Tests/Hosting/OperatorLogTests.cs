using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>What an operator reads at LOG_LEVEL=INFO while an event is booked: one line per QBO call, scopes with values.</summary>
public sealed class OperatorLogTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task BookingAnEvent_LogsOneLinePerQboCall_AndScopesShowTheirValues(DatabaseKind kind)
    {
        var capture = new LogCapture();
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "stripe",
            settings: new Dictionary<string, string> { ["LOG_LEVEL"] = "INFO" }, overrides: capture.InstallFiltered);

        var sale = await world.DeliverFixtureAsync("stripe/invoice.paid.json");

        Assert.Equal(PayloadStatus.Succeeded, sale.Status);
        var lines = capture.Lines.ToList();
        var calls = lines.Where(l => l.Contains("QboCallLogHandler: QBO ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, l => Assert.Matches(@"^Information .*QBO (GET|POST) \w+ answered \d{3} in \d+ ms", l));
        // The client factory's four lines per request and the resilience pipeline's stay below INFO.
        Assert.DoesNotContain(lines, l => l.Contains(" System.Net.Http.HttpClient", StringComparison.Ordinal) || l.Contains(" Polly", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Dictionary`2", StringComparison.Ordinal));
        Assert.Contains(calls, l => l.Contains($"scope OrganizationId:{world.Organization.OrganizationId} PayloadId:{sale.PayloadId}", StringComparison.Ordinal));
    }
}
