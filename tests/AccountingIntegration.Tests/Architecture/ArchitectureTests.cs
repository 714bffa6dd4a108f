namespace AccountingIntegration.Tests.Architecture;

/// <summary>
/// Dependencies point one way (docs/architecture.md): Infrastructure never uses a feature,
/// Configuration and Data stand apart, and no two feature folders use each other, directly or round
/// a longer loop. The last test runs the same rules over <c>BrokenFixture.cs</c> to show they fail on a break.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "AccountingIntegration";
    private const string FixtureRoot = "AccountingIntegration.Tests.Architecture.BrokenFixture";
    private static readonly System.Reflection.Assembly Service = typeof(Program).Assembly;

    [Fact]
    public void Infrastructure_UsesNoFeature() =>
        Assert.Empty(DependencyRules.InfrastructureUsingFeatures(Service, Root));

    /// <summary>
    /// Configuration is the bottom layer: it reads settings and knows nothing else of the service. Data
    /// binds its own settings through it, one way, so the two cannot depend on each other.
    /// </summary>
    [Fact]
    public void Configuration_UsesNothingElseOfTheService()
    {
        Assert.Empty(DependencyRules.Using(Service, Root + ".Infrastructure.Configuration", Root + ".Infrastructure.Data"));
        Assert.Empty(DependencyRules.Using(Service, Root + ".Infrastructure.Configuration", Root + ".Features"));
        Assert.Empty(DependencyRules.Using(Service, Root + ".Infrastructure.Configuration", Root + ".Infrastructure.Hosting"));
    }

    [Fact]
    public void Features_FormNoCycle()
    {
        var features = DependencyRules.Features(Service, Root);

        // The check must see every feature folder, or an empty answer would prove nothing.
        Assert.Equal(
            ["Admin", "Alerts", "ApiKeys", "Audit", "Books", "Connections", "Drift", "Health", "Import", "Mapping", "OperatorConsole", "Organizations", "Proxy", "Sync", "Tenancy", "Tiers", "Usage", "Webhooks"],
            features.Select(f => f[(Root.Length + ".Features.".Length)..]));
        Assert.Empty(DependencyRules.FeatureCycles(Service, Root));
    }

    [Fact]
    public void BrokenFixture_EveryBreakIsReported()
    {
        var assembly = typeof(ArchitectureTests).Assembly;

        Assert.Equal(
            [FixtureRoot + ".Infrastructure.Clock.ClockThatKnowsBilling"],
            DependencyRules.InfrastructureUsingFeatures(assembly, FixtureRoot));
        Assert.Equal(["Billing → Shipping → Billing"], DependencyRules.FeatureCycles(assembly, FixtureRoot));
        // Catalog uses Billing one way only: that is allowed.
        Assert.Equal([FixtureRoot + ".Features.Billing"], DependencyRules.FeatureGraph(assembly, FixtureRoot)[FixtureRoot + ".Features.Catalog"]);
    }
}
