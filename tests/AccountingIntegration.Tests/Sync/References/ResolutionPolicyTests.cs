using System.Text.Json.Nodes;
using AccountingIntegration.Features.Sync.References;

namespace AccountingIntegration.Tests.Sync.References;

public sealed class ResolutionPolicyTests
{
    [Fact]
    public void From_EmptySettings_AllowsCreatingBoth() =>
        Assert.Equal(new ResolutionPolicy(true, true), ResolutionPolicy.From([]));

    [Fact]
    public void From_FlagsFalse_ForbidsEachSeparately()
    {
        Assert.Equal(new ResolutionPolicy(false, true), ResolutionPolicy.From(new JsonObject { ["autoCreateCustomers"] = false }));
        Assert.Equal(new ResolutionPolicy(true, false), ResolutionPolicy.From(new JsonObject { ["autoCreateItems"] = false, ["other"] = 1 }));
    }

    [Fact]
    public void From_NonBooleanValue_KeepsTheDefault() =>
        Assert.Equal(new ResolutionPolicy(true, true), ResolutionPolicy.From(new JsonObject { ["autoCreateCustomers"] = "no", ["autoCreateItems"] = null }));
}
