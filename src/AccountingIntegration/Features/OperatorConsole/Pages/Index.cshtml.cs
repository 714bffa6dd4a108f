using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages;

/// <summary>
/// The console's overview: the API's dashboard figures (rates, success, queue, dead payloads, connections), each
/// organization's health, and charts of the last hour. The figures refresh as an HTML fragment
/// (<see cref="OnGetLiveAsync"/>), the charts from JSON (<see cref="OnGetSeriesAsync"/>).
/// </summary>
public sealed class IndexModel : ConsolePageModel
{
    /// <summary>How often the page asks for fresh figures, in milliseconds.</summary>
    public const int RefreshMs = 5000;

    internal OverviewFigures Figures { get; private set; } = null!;

    internal OverviewSeries Series { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Figures = await OverviewFigures.LoadAsync(HttpContext.RequestServices, cancellationToken);
        Series = Figures.Series;
    }

    /// <summary>The live region's fresh HTML.</summary>
    public async Task<IActionResult> OnGetLiveAsync(CancellationToken cancellationToken)
    {
        Figures = await OverviewFigures.LoadAsync(HttpContext.RequestServices, cancellationToken);
        return Partial("_OverviewLive", this);
    }

    /// <summary>The charts' latest figures as a table: their text alternative.</summary>
    public async Task<IActionResult> OnGetLatestAsync(CancellationToken cancellationToken)
    {
        Series = await SeriesAsync(cancellationToken);
        return Partial("_OverviewLatest", this);
    }

    /// <summary>The charts' series as JSON.</summary>
    public async Task<IActionResult> OnGetSeriesAsync(CancellationToken cancellationToken) => new JsonResult(await SeriesAsync(cancellationToken));

    private Task<OverviewSeries> SeriesAsync(CancellationToken cancellationToken) => OverviewFigures.SeriesAsync(
        new OverviewSeriesStore(Get<Infrastructure.Data.Database>()), Get<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
}
