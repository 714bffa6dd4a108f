using System.Text.Json.Nodes;
using AccountingIntegration.Features.Books.Batching;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.Extensions.Time.Testing;

namespace AccountingIntegration.Tests.Books;

/// <summary>How a company's lane forms groups, and how a batch answer settles its items.</summary>
public sealed class CompanyLaneTests
{
    private static readonly BatchOptions OneSender = new() { SendersPerCompany = 1, MaxItems = 3, BatchesPerMinute = 2 };

    [Fact]
    public void FreeLane_SendsTheDocumentAloneAtOnce()
    {
        var lane = new CompanyLane(OneSender, new FakeTimeProvider());
        var item = Item();

        var group = lane.Join(item);

        Assert.Equal([item], group);
    }

    [Fact]
    public async Task BusyLane_GathersWaitingDocuments_AndHandsTheTurnToTheFirstOfThem()
    {
        var lane = new CompanyLane(OneSender, new FakeTimeProvider());
        Assert.NotNull(lane.Join(Item()));
        var waiting = Enumerable.Range(0, 4).Select(_ => Item()).ToList();
        Assert.All(waiting, item => Assert.Null(lane.Join(item)));

        lane.Finish();

        var group = await waiting[0].Turn.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(waiting.Take(3), group);
        Assert.False(waiting[3].Turn.IsCompleted);
        lane.Finish();
        Assert.Equal([waiting[3]], await waiting[3].Turn.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task BatchesOfTheMinuteSpent_WaitingDocumentsGoOneByOne_UntilTheMinuteHasPassed()
    {
        var clock = new FakeTimeProvider();
        var lane = new CompanyLane(OneSender, clock);
        Assert.NotNull(lane.Join(Item()));
        var waiting = Enumerable.Range(0, 9).Select(_ => Item()).ToList();
        waiting.ForEach(item => lane.Join(item));

        lane.Finish();
        lane.Finish();
        lane.Finish();

        Assert.Equal(3, (await waiting[0].Turn).Count);
        Assert.Equal(3, (await waiting[3].Turn).Count);
        Assert.Single(await waiting[6].Turn);
        // QBO counts a minute from each batch's arrival; the lane waits a second longer.
        clock.Advance(TimeSpan.FromSeconds(61));
        lane.Finish();
        Assert.Equal([waiting[7], waiting[8]], await waiting[7].Turn);
    }

    [Fact]
    public async Task FewDocumentsWaiting_GoAloneUntilABatchsShareOfTheMinuteHasPassed()
    {
        var clock = new FakeTimeProvider();
        var lane = new CompanyLane(OneSender, clock);
        Assert.NotNull(lane.Join(Item()));
        var first = new[] { Item(), Item() };
        Array.ForEach(first, item => lane.Join(item));
        lane.Finish();
        Assert.Equal(first, await first[0].Turn);
        var next = new[] { Item(), Item() };
        Array.ForEach(next, item => lane.Join(item));

        lane.Finish();
        Assert.Equal([next[0]], await next[0].Turn);
        var later = Item();
        lane.Join(later);
        // Two batches a minute: one every 30.5 s.
        clock.Advance(TimeSpan.FromSeconds(31));
        lane.Finish();

        Assert.Equal([next[1], later], await next[1].Turn);
    }

    [Fact]
    public async Task CompanysSharedBatchWindowSpent_WaitingDocumentsGoAlone_UntilABatchIsFreeAgain()
    {
        var sharedFree = false;
        string? askedFor = null;
        var lane = new CompanyLane(OneSender, new FakeTimeProvider(), realm =>
        {
            askedFor = realm;
            return sharedFree;
        });
        Assert.NotNull(lane.Join(Item()));
        var waiting = Enumerable.Range(0, 5).Select(_ => Item()).ToList();
        waiting.ForEach(item => lane.Join(item));

        // A full batch waits, but other instances spent the company's batch requests: the requests left carry them alone.
        lane.Finish();
        Assert.Equal([waiting[0]], await waiting[0].Turn);
        Assert.Equal("9130", askedFor);
        sharedFree = true;
        lane.Finish();

        Assert.Equal(waiting.Skip(1).Take(3), await waiting[1].Turn);
    }

    [Fact]
    public async Task AbandonedDocument_IsLeftOutOfTheNextGroup()
    {
        var lane = new CompanyLane(OneSender, new FakeTimeProvider());
        Assert.NotNull(lane.Join(Item()));
        var gone = Item();
        var kept = Item();
        lane.Join(gone);
        lane.Join(kept);
        using var cancelled = new CancellationTokenSource();
        var waiting = lane.WaitAsync(gone, cancelled.Token);
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        lane.Finish();

        Assert.Equal([kept], await kept.Turn.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Settle_TakesEntitiesAndRefusals_AndLeavesSystemFaultsAndMissingItemsUnknown()
    {
        var items = Enumerable.Range(0, 4).Select(i => new StoredBatchItem
        {
            RequestId = "r", Bid = BatchAnswers.Bid(i), Fingerprint = "f" + i, PayloadId = "p" + i, EntityType = "Invoice",
        }).ToList();
        var answer = JsonNode.Parse("""
            {"BatchItemResponse":[
              {"bId":"2","Fault":{"type":"ValidationFault","Error":[{"Message":"Duplicate Document Number Error","code":"6140","Detail":"taken"}]}},
              {"bId":"1","Invoice":{"Id":"17","TotalAmt":10.5}},
              {"bId":"3","Fault":{"type":"SystemFault","Error":[{"Message":"An application error has occurred","code":"10000"}]}}]}
            """)!.AsObject();

        var settled = BatchAnswers.Settle(answer, items);

        Assert.Equal([BatchItemOutcomes.Created, BatchItemOutcomes.Fault, null, null], settled.Select(i => i.Outcome));
        Assert.Equal("17", (string?)BatchAnswers.Entity(settled[0])["Id"]);
        var refused = BatchAnswers.Result(settled[1], adopted: false, new InvalidOperationException());
        var fault = Assert.IsType<QboApiException>(refused.Error);
        Assert.Equal("6140", fault.Code);
        Assert.Equal(QboErrorKind.Validation, fault.Kind);
        var unknown = new InvalidOperationException("unknown");
        Assert.Same(unknown, BatchAnswers.Result(settled[2], adopted: false, unknown).Error);
    }

    private static LaneItem Item() => new(new DocumentCreate("org", new QboCredentials("9130", "token"), "payload", "Invoice", [], "fp", "fp", DateTime.UtcNow));
}
