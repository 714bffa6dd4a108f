namespace AccountingIntegration.Mapping;

public static class MappingEngine
{
}
