using System.Collections.Concurrent;
using System.Diagnostics;
using AccountingIntegration.Infrastructure.Telemetry;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Telemetry;

/// <summary>The spans of one delivery, one trace: the request's with its request id and payload id, the attempt's under it, and QBO calls under the attempt.</summary>
public sealed class TraceTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Delivery_IsOneTrace_RequestThenAttemptThenQboCalls_EachCarryingThePayload()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ServiceActivities.SourceName or "System.Net.Http" or "Microsoft.AspNetCore",
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        // An exporter that reaches nobody must not stop the service or the pipeline.
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(DatabaseKind.Sqlite),
            settings: new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" });

        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(5101), wait: 20);
        var payloadId = (await PipelineWorld.DataAsync(response)).GetProperty("payloadId").GetString()!;
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var attempt = await Eventually.GetAsync(
            () => Task.FromResult(spans.FirstOrDefault(s => s.OperationName == "payload attempt" && (string?)s.GetTagItem(ServiceActivities.PayloadIdTag) == payloadId)),
            span => span is not null, TimeSpan.FromSeconds(10), () => { });

        // The server stops the request's span after the response went out: the client may read the answer first.
        await Eventually.GetAsync(
            () => Task.FromResult(spans.Count(s => (string?)s.GetTagItem(ServiceActivities.RequestIdTag) == requestId)),
            count => count > 0, TimeSpan.FromSeconds(10), () => { });
        var request = Assert.Single(spans, s => (string?)s.GetTagItem(ServiceActivities.RequestIdTag) == requestId);
        Assert.Equal(payloadId, request.GetTagItem(ServiceActivities.PayloadIdTag));
        Assert.Equal("succeeded", attempt!.GetTagItem("payload.status"));
        // Through the queue: the attempt continues the delivering request's trace, as its child.
        Assert.Equal(request.TraceId, attempt.TraceId);
        Assert.Equal(request.SpanId, attempt.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, attempt.Kind);
        var qboCalls = spans.Where(s => s.Source.Name == "System.Net.Http" && s.ParentSpanId == attempt.SpanId).ToList();
        Assert.NotEmpty(qboCalls);
        Assert.All(qboCalls, call => Assert.Equal(attempt.TraceId, call.TraceId));
    }
}
