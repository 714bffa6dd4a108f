using AccountingIntegration.Infrastructure.Hosting;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>
/// A sweep's round goes on past an item that fails and then says so once; a stopping service ends it at once. (The
/// sweeps that use it are tested against the database: <c>AlertTests</c> and <c>ReconnectDuringAttemptTests</c>.)
/// </summary>
public sealed class SweepRoundTests
{
    [Fact]
    public async Task ItemsThatFail_DoNotStopTheOthers_AndTheRoundSaysHowManyFailed()
    {
        var done = new List<int>();
        var first = new InvalidOperationException("the first refused");

        var failure = await Assert.ThrowsAsync<SweepRoundException>(() => SweepRound.EachAsync([1, 2, 3, 4], "organizations", item =>
        {
            return item switch
            {
                1 => throw first,
                3 => throw new TimeoutException("the third timed out"),
                _ => Record(item),
            };
        }, default));

        Assert.Equal([2, 4], done);
        Assert.Same(first, failure.InnerException);
        Assert.Contains("2 organizations", failure.Message, StringComparison.Ordinal);

        Task Record(int item)
        {
            done.Add(item);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task NothingFails_NothingIsThrown()
    {
        var done = 0;
        await SweepRound.EachAsync([1, 2], "connections", _ => Task.FromResult(++done), default);
        Assert.Equal(2, done);
    }

    [Fact]
    public async Task ServiceStopping_EndsTheRoundAtOnce()
    {
        using var stopping = new CancellationTokenSource();
        var done = new List<int>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SweepRound.EachAsync([1, 2, 3], "organizations", async item =>
        {
            done.Add(item);
            if (item == 2)
            {
                await stopping.CancelAsync();
                stopping.Token.ThrowIfCancellationRequested();
            }
        }, stopping.Token));

        Assert.Equal([1, 2], done);
    }
}
