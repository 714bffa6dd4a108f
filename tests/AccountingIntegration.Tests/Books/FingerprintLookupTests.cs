using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Tests.Sync.References;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// One document's fingerprint look-up against the sandbox over HTTP: "not found" only when the whole window was read —
/// a window larger than the look-up reads is reported as unknown, never as absent. (Newest first is not asserted:
/// CreateTime has whole seconds, and a thousand documents made in one second tie.) A look-up for a create this process
/// just sent starts when it was sent, in QBO's clock as QBO's answers measured it, wherever that clock stands against ours.
/// </summary>
public sealed class FingerprintLookupTests
{
    [Fact]
    public async Task WindowLargerThanTheLookUpReads_AMissIsUnknownNotAbsent_AndTheWholeWindowSettlesIt()
    {
        await using var world = await ReferenceWorld.StartAsync();
        var since = DateTime.UtcNow;
        for (var i = 0; i < 1_001; i++)
        {
            await AddInvoiceAsync(world.Session, $"older-{i}");
        }

        await AddInvoiceAsync(world.Session, "newest");
        var onePage = new FingerprintLookup(world.Session.Client, maxPagesForOne: 1);
        var twoPages = new FingerprintLookup(world.Session.Client, maxPagesForOne: 2);

        var unknown = await Assert.ThrowsAsync<FingerprintUnsettledException>(
            () => onePage.FindAsync(world.Session.Credentials, "Invoice", "never-sent", "1", since, default));
        var found = await twoPages.FindAsync(world.Session.Credentials, "Invoice", "newest", "1", since, default);
        var absent = await twoPages.FindAsync(world.Session.Credentials, "Invoice", "never-sent", "1", since, default);

        Assert.NotNull(found);
        Assert.True(DocumentFingerprint.Carries(found, "newest"));
        Assert.Contains("not sent again", unknown.Message, StringComparison.Ordinal);
        Assert.Null(absent);
    }

    [Fact]
    public async Task QboAheadOfOurClock_TheLookUpStartsAtTheSendByQbosClock_AndReadsOnePage()
    {
        var qboTime = new ShiftedClock();
        await using var session = await SandboxSession.StartAsync(sandboxTime: qboTime);
        for (var i = 0; i < 1_001; i++)
        {
            await AddInvoiceAsync(session, $"older-{i}");
        }

        // QBO's clock now runs five minutes ahead of ours; any answer tells the client so.
        qboTime.Offset = TimeSpan.FromMinutes(5);
        await session.Client.GetCompanyInfoAsync(session.Credentials, default);
        var sentAt = DateTime.UtcNow;
        await AddInvoiceAsync(session, "sent-now");
        var onePage = new FingerprintLookup(session.Client, maxPagesForOne: 1);
        var since = session.Clock.EarliestCreateTime(session.Credentials.RealmId, sentAt);

        var before = await RequestCountAsync(session);
        var found = await onePage.FindAsync(session.Credentials, "Invoice", "sent-now", "1", since, default);
        var absent = await onePage.FindAsync(session.Credentials, "Invoice", "never-sent", "1", since, default);
        var reads = await RequestCountAsync(session) - before;

        Assert.NotNull(found);
        Assert.True(DocumentFingerprint.Carries(found, "sent-now"));
        Assert.Null(absent);
        Assert.Equal(2, reads);
        // Opened by our clock alone, the window would hold the thousand older documents too: more than a page.
        await Assert.ThrowsAsync<FingerprintUnsettledException>(
            () => onePage.FindAsync(session.Credentials, "Invoice", "never-sent", "1", sentAt - QboClock.MeasuredMargin, default));
    }

    [Fact]
    public async Task QboBehindOurClock_ADocumentWrittenAfterTheSendIsStillFound()
    {
        await using var session = await SandboxSession.StartAsync(sandboxTime: new ShiftedClock { Offset = TimeSpan.FromMinutes(-10) });
        await session.Client.GetCompanyInfoAsync(session.Credentials, default);
        var sentAt = DateTime.UtcNow;
        await AddInvoiceAsync(session, "answer-lost");
        var lookup = new FingerprintLookup(session.Client);

        var found = await lookup.FindAsync(session.Credentials, "Invoice", "answer-lost", "1",
            session.Clock.EarliestCreateTime(session.Credentials.RealmId, sentAt), default);

        Assert.NotNull(found);
        // QBO stamped it ten minutes before our send time: a window by our clock alone would have missed it.
        Assert.Null(await lookup.FindAsync(session.Credentials, "Invoice", "answer-lost", "1", sentAt - QboClock.MeasuredMargin, default));
    }

    private static async Task<int> RequestCountAsync(SandboxSession session)
    {
        var stats = await session.Control.GetFromJsonAsync<JsonObject>("/_sandbox/stats");
        return (int)stats!["totalRequests"]!;
    }

    private static async Task AddInvoiceAsync(SandboxSession session, string fingerprint)
    {
        var invoice = new
        {
            CustomerRef = new { value = "1" },
            PrivateNote = DocumentFingerprint.Marker(fingerprint),
            Line = new[] { new { Amount = 10m, DetailType = "SalesItemLineDetail", SalesItemLineDetail = new { ItemRef = new { value = "1" } } } },
        };
        using var response = await session.Control.PostAsJsonAsync($"/_sandbox/companies/{session.Credentials.RealmId}/invoice", invoice, JsonSerializerOptions.Default);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The system's clock moved by an offset the test may change, as a QBO server's clock may stand apart from ours.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;
    }
}
