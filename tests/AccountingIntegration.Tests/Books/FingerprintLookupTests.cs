using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Tests.Sync.References;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// One document's fingerprint look-up against the sandbox over HTTP: "not found" only when the whole window was read —
/// a window larger than the look-up reads is reported as unknown, never as absent. (Newest first is not asserted:
/// CreateTime has whole seconds, and a thousand documents made in one second tie.)
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
            await AddInvoiceAsync(world, $"older-{i}");
        }

        await AddInvoiceAsync(world, "newest");
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

    private static async Task AddInvoiceAsync(ReferenceWorld world, string fingerprint)
    {
        var invoice = new
        {
            CustomerRef = new { value = "1" },
            PrivateNote = DocumentFingerprint.Marker(fingerprint),
            Line = new[] { new { Amount = 10m, DetailType = "SalesItemLineDetail", SalesItemLineDetail = new { ItemRef = new { value = "1" } } } },
        };
        using var response = await world.Session.Control.PostAsJsonAsync($"/_sandbox/companies/{world.Session.Credentials.RealmId}/invoice", invoice, JsonSerializerOptions.Default);
        response.EnsureSuccessStatusCode();
    }
}
