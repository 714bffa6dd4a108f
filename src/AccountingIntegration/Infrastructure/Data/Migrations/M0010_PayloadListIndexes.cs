using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Indexes that serve the payload lists and the dashboard at a backlog of millions. Every list reads an index in its
/// order, received_at then payload_id, both descending, and stops at the page: by organization; by organization and
/// status; by status; unfiltered. An organization and source list reads the organization's index and skips other sources.
/// payload_id is spelled out in each: MariaDB does not extend the secondary keys of a partitioned table with its primary
/// key, so without it every list sorted all of its matches. The unfiltered index also carries status and organization,
/// so the dashboard's window counts read it alone, never the payload rows with their bodies.
/// </summary>
[Migration(10, "Payload list and dashboard indexes")]
public sealed class M0010_PayloadListIndexes : ForwardOnlyMigration
{
    public override void Up()
    {
        Delete.Index("ix_webhook_payloads_received").OnTable("webhook_payloads");
        Delete.Index("ix_webhook_payloads_org_status_received").OnTable("webhook_payloads");
        Create.Index("ix_webhook_payloads_org_received_id").OnTable("webhook_payloads")
            .OnColumn("organization_id").Ascending().OnColumn("received_at").Ascending().OnColumn("payload_id").Ascending();
        Create.Index("ix_webhook_payloads_org_status_received_id").OnTable("webhook_payloads")
            .OnColumn("organization_id").Ascending().OnColumn("status").Ascending().OnColumn("received_at").Ascending().OnColumn("payload_id").Ascending();
        Create.Index("ix_webhook_payloads_status_received_id").OnTable("webhook_payloads")
            .OnColumn("status").Ascending().OnColumn("received_at").Ascending().OnColumn("payload_id").Ascending();
        Create.Index("ix_webhook_payloads_received_id_status_org").OnTable("webhook_payloads")
            .OnColumn("received_at").Ascending().OnColumn("payload_id").Ascending()
            .OnColumn("status").Ascending().OnColumn("organization_id").Ascending();
    }
}
