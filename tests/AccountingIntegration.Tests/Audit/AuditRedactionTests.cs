using System.Text.Json.Nodes;
using AccountingIntegration.Features.Audit;

namespace AccountingIntegration.Tests.Audit;

public sealed class AuditRedactionTests
{
    [Fact]
    public void Redact_SecretsAtAnyDepth_AreReplaced_DescriptiveFieldsKept()
    {
        var details = new JsonObject
        {
            ["refreshToken"] = "rt-123",
            ["nested"] = new JsonObject { ["signingSecret"] = "whsec", ["items"] = new JsonArray(new JsonObject { ["password"] = "p", ["name"] = "n" }) },
            ["code"] = "oauth-code",
            ["signature"] = "abc",
            ["errorCode"] = "6070",
            ["signatureScheme"] = "stripe",
            ["tokenId"] = "t-1",
            ["key"] = "aik_x",
            ["keyPrefix"] = "aik_1234",
        };

        var redacted = AuditRedaction.Redact(details);

        Assert.Equal(AuditRedaction.Redacted, (string?)redacted["refreshToken"]);
        Assert.Equal(AuditRedaction.Redacted, (string?)redacted["nested"]!["signingSecret"]);
        Assert.Equal(AuditRedaction.Redacted, (string?)redacted["nested"]!["items"]![0]!["password"]);
        Assert.Equal(AuditRedaction.Redacted, (string?)redacted["code"]);
        Assert.Equal(AuditRedaction.Redacted, (string?)redacted["signature"]);
        Assert.Equal(AuditRedaction.Redacted, (string?)redacted["key"]);
        Assert.Equal("6070", (string?)redacted["errorCode"]);
        Assert.Equal("stripe", (string?)redacted["signatureScheme"]);
        Assert.Equal("t-1", (string?)redacted["tokenId"]);
        Assert.Equal("aik_1234", (string?)redacted["keyPrefix"]);
        Assert.Equal("n", (string?)redacted["nested"]!["items"]![0]!["name"]);
        Assert.Equal("rt-123", (string?)details["refreshToken"]);
    }

    [Fact]
    public void Redact_TimeASecretIsValidUntil_IsKept_ASecretUnderSuchANameIsNot()
    {
        var details = new JsonObject
        {
            ["previousSecretValidUntil"] = "2026-12-07T05:00:00.0000000Z",
            ["tokenExpiresAt"] = "2026-12-07T05:00:00+00:00",
            ["nested"] = new JsonObject { ["previousSecretValidUntil"] = "none" },
            ["secretUntil"] = "whsec_2026-12-07T05:00:00Z",
            ["accessTokenAt"] = "eyJhbGciOiJIUzI1NiJ9.payload.sig",
            ["signingSecret"] = "2026-12-07T05:00:00Z",
            ["secretValidAt"] = 20261207,
        };

        var redacted = AuditRedaction.Redact(details);

        Assert.Equal("2026-12-07T05:00:00.0000000Z", (string?)redacted["previousSecretValidUntil"]);
        Assert.Equal("2026-12-07T05:00:00+00:00", (string?)redacted["tokenExpiresAt"]);
        Assert.Equal("none", (string?)redacted["nested"]!["previousSecretValidUntil"]);
        Assert.Equal(AuditRedaction.Redacted, (string?)redacted["secretUntil"]);
        Assert.Equal(AuditRedaction.Redacted, (string?)redacted["accessTokenAt"]);
        Assert.Equal(AuditRedaction.Redacted, (string?)redacted["signingSecret"]);
        Assert.Equal(AuditRedaction.Redacted, (string?)redacted["secretValidAt"]);
    }
}
