using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>The three mapping layers: global templates, client overrides, per-source mappings.</summary>
internal sealed class MappingTables(Migration m, ColumnTypes t)
{
    public void Create()
    {
        m.Create.Table("global_mapping_templates")
            .WithColumn("template_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_global_mapping_templates")
            .WithColumn("name").AsCustom(t.Varchar(200)).NotNullable()
            .WithColumn("source_type").AsCustom(t.Varchar(50)).NotNullable()
            .WithColumn("description").AsCustom(t.Varchar(1000)).Nullable()
            .WithColumn("field_mappings").AsCustom(t.JsonText).NotNullable()
            .WithColumn("static_values").AsCustom(t.JsonText).NotNullable()
            .WithColumn("priority").AsInt32().NotNullable()
            .WithColumn("version").AsInt32().NotNullable()
            .WithColumn("is_active").AsBoolean().NotNullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
        m.Create.Index("ix_global_mapping_templates_type_active").OnTable("global_mapping_templates")
            .OnColumn("source_type").Ascending().OnColumn("is_active").Ascending();

        // source_id NULL means the override applies to every source of the organization.
        m.Create.Table("client_mapping_overrides")
            .WithColumn("override_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_client_mapping_overrides")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("source_id").AsCustom(t.Varchar(36)).Nullable()
            .WithColumn("name").AsCustom(t.Varchar(200)).NotNullable()
            .WithColumn("field_mappings").AsCustom(t.JsonText).NotNullable()
            .WithColumn("static_values").AsCustom(t.JsonText).NotNullable()
            .WithColumn("priority").AsInt32().NotNullable()
            .WithColumn("is_active").AsBoolean().NotNullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
        m.Create.Index("ix_client_mapping_overrides_org_source").OnTable("client_mapping_overrides")
            .OnColumn("organization_id").Ascending().OnColumn("source_id").Ascending();

        m.Create.Table("mapping_configurations")
            .WithColumn("mapping_id").AsCustom(t.Varchar(36)).NotNullable().PrimaryKey("pk_mapping_configurations")
            .WithColumn("organization_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("source_id").AsCustom(t.Varchar(36)).NotNullable()
            .WithColumn("field_mappings").AsCustom(t.JsonText).NotNullable()
            .WithColumn("static_values").AsCustom(t.JsonText).NotNullable()
            .WithColumn("priority").AsInt32().NotNullable()
            .WithColumn("is_active").AsBoolean().NotNullable()
            .WithColumn("created_at").AsCustom(t.Timestamp).NotNullable()
            .WithColumn("updated_at").AsCustom(t.Timestamp).NotNullable();
        m.Create.Index("ix_mapping_configurations_org_source_active").OnTable("mapping_configurations")
            .OnColumn("organization_id").Ascending().OnColumn("source_id").Ascending().OnColumn("is_active").Ascending();
    }
}
