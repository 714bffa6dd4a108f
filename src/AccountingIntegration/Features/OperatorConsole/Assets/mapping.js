// The mapping editor: checks the source mapping as the operator types (the server runs the API's own
// validation) and previews it on a pasted or recent payload. Both answers are HTML fragments from
// /console/mapping/check; this script only sends the editor's text and shows what comes back.
(() => {
    "use strict";
    const editor = document.getElementById("mapping-editor");
    if (!editor) return;
    const checkUrl = editor.dataset.checkUrl;
    const ids = { organizationId: editor.dataset.organization, sourceId: editor.dataset.source };
    const mapping = document.getElementById("mapping-json");
    const validation = document.getElementById("mapping-validation");
    const payload = document.getElementById("preview-payload");
    const recent = document.getElementById("preview-recent");
    const eventType = document.getElementById("preview-event");
    const preview = document.getElementById("mapping-preview");
    const run = document.getElementById("preview-run");

    // Only the answer to the latest request is shown: an older, slower answer never replaces a newer one.
    const latest = { validate: 0, preview: 0 };
    const ask = async (handler, fields, region) => {
        const ticket = ++latest[handler];
        region.setAttribute("aria-busy", "true");
        try {
            const response = await window.consolePost(`${checkUrl}?handler=${handler}`, { ...ids, ...fields });
            const html = await response.text();
            if (ticket === latest[handler]) region.innerHTML = response.ok ? html : "<p class=\"problem\">The check could not run: reload the page.</p>";
        } catch {
            if (ticket === latest[handler]) region.innerHTML = "<p class=\"problem\">The service did not answer: check the connection and try again.</p>";
        } finally {
            if (ticket === latest[handler]) region.removeAttribute("aria-busy");
        }
    };

    const debounce = (action, ms) => {
        let timer = 0;
        return () => { clearTimeout(timer); timer = setTimeout(action, ms); };
    };

    const hasPayload = () => (recent && recent.value) || (payload && payload.value.trim().length > 0);
    const runPreview = () => {
        if (!hasPayload()) {
            preview.innerHTML = "<p>Paste a payload, or pick a recent one, to preview.</p>";
            return;
        }
        ask("preview", {
            mapping: mapping.value,
            payload: payload ? payload.value : "",
            payloadId: recent ? recent.value : "",
            eventType: eventType ? eventType.value : "",
        }, preview);
    };

    const validate = debounce(() => ask("validate", { mapping: mapping.value }, validation), 400);
    const previewSoon = debounce(() => { if (hasPayload()) runPreview(); }, 600);

    mapping.addEventListener("input", () => { validate(); previewSoon(); });
    if (payload) payload.addEventListener("input", () => { if (recent) recent.value = ""; previewSoon(); });
    if (eventType) eventType.addEventListener("input", previewSoon);
    if (recent) recent.addEventListener("change", () => { if (recent.value && payload) payload.value = ""; runPreview(); });
    if (run) run.addEventListener("click", runPreview);
})();
