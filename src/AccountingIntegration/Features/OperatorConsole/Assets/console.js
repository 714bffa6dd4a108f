// The console's behaviour, kept small: copy buttons, confirmations, live regions refreshed from the
// server, and fetches that carry the CSRF token. Pages work without it; it only adds convenience.
(() => {
    "use strict";
    const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";

    // A table or code block wider than the screen scrolls inside its box: keyboard users must be able to
    // reach it, also when a script or a live region puts one on the page later.
    const focusableScrollers = () => {
        for (const box of document.querySelectorAll(".table-wrap:not([tabindex]), pre:not([tabindex])")) box.tabIndex = 0;
    };
    focusableScrollers();
    new MutationObserver(focusableScrollers).observe(document.body, { childList: true, subtree: true });

    // <button data-copy="#id"> or data-copy-text="…": copies, then says so for screen readers too.
    document.addEventListener("click", async (event) => {
        const button = event.target.closest("[data-copy],[data-copy-text]");
        if (!button) return;
        const source = button.dataset.copy ? document.querySelector(button.dataset.copy) : null;
        const text = button.dataset.copyText ?? source?.value ?? source?.textContent ?? "";
        try {
            await navigator.clipboard.writeText(text.trim());
            button.textContent = "Copied";
        } catch {
            // Clipboard refused (plain HTTP on another host): select the text so Ctrl+C works.
            if (source) { window.getSelection().selectAllChildren(source); }
            button.textContent = "Selected — press Ctrl+C";
        }
    });

    // <form data-confirm="Really?">: a last question before a change that cannot be undone.
    document.addEventListener("submit", (event) => {
        const message = event.target.dataset?.confirm;
        if (message && !window.confirm(message)) event.preventDefault();
    });

    // <div data-refresh="/console/…/fragment" data-interval="5000">: replaced by the server's fresh HTML when it
    // changed (an unchanged region keeps the reader's focus and is not announced again). Fresh HTML holding an element
    // with data-refresh-done is the last: what it shows no longer changes by itself (a payload that settled).
    for (const region of document.querySelectorAll("[data-refresh]")) {
        const interval = Number(region.dataset.interval || 5000);
        let last = null;
        const tick = async () => {
            if (document.visibilityState === "visible") {
                try {
                    const response = await fetch(region.dataset.refresh, { headers: { "Accept": "text/html" }, credentials: "same-origin" });
                    // A session that ended sends the fragment's request to the login page: log in again and come back
                    // to this page, rather than showing the login form inside the region.
                    if (response.redirected && new URL(response.url).pathname === "/console/login") {
                        window.location.assign("/console/login?returnUrl=" + encodeURIComponent(window.location.pathname + window.location.search));
                        return;
                    }
                    if (response.ok) {
                        const html = await response.text();
                        if (html !== last) {
                            last = html;
                            region.innerHTML = html;
                            region.dispatchEvent(new CustomEvent("console:refreshed", { bubbles: true }));
                        }
                        if (region.querySelector("[data-refresh-done]")) return;
                    }
                } catch { /* the next tick tries again */ }
            }
            setTimeout(tick, interval);
        };
        setTimeout(tick, interval);
    }

    // For page scripts: a POST with the session's CSRF token.
    window.consolePost = (url, body) => fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf },
        body: body instanceof FormData ? body : new URLSearchParams(body),
    });
})();
