using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Mapping;

/// <summary>The stable codes of the mapping routes.</summary>
internal static class MappingErrors
{
    public const string SourceNotFoundCode = "SOURCE_NOT_FOUND";
    public const string OverrideNotFoundCode = "OVERRIDE_NOT_FOUND";
    public const string SourceMappingNotFoundCode = "SOURCE_MAPPING_NOT_FOUND";
    public const string TemplateNotFoundCode = "TEMPLATE_NOT_FOUND";
    public const string VersionConflictCode = "VERSION_CONFLICT";

    // Inside a 400 VALIDATION_FAILED answer, each message on an eventActions entry starts with one of these.
    public const string InvalidEventActionsCode = "INVALID_EVENT_ACTIONS";
    public const string InvalidEventKeyCode = "INVALID_EVENT_KEY";
    public const string UnknownEventActionCode = "UNKNOWN_EVENT_ACTION";
    public const string EventActionNotAllowedCode = "EVENT_ACTION_NOT_ALLOWED";

    /// <summary>The payload routes' code for a payload that is not there, which the preview of a stored payload answers too.</summary>
    public const string PayloadNotFoundCode = "PAYLOAD_NOT_FOUND";

    public static ApiException SourceNotFound() => ApiException.NotFound(SourceNotFoundCode, "The organization has no webhook source with this id.");

    public static ApiException OverrideNotFound() => ApiException.NotFound(OverrideNotFoundCode, "The organization has no mapping override with this id.");

    public static ApiException SourceMappingNotFound() =>
        ApiException.NotFound(SourceMappingNotFoundCode, "The source has no active mapping of its own; templates and overrides apply.");

    public static ApiException PayloadNotFound() => ApiException.NotFound(PayloadNotFoundCode, "The source has no payload with this id (or its body is no longer kept).");

    public static ApiException TemplateNotFound() => ApiException.NotFound(TemplateNotFoundCode, "Mapping template not found.");
}
