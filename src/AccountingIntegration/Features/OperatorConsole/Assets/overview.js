// The overview's charts (uPlot, vendored): payloads per minute by outcome and QuickBooks answer time, read as JSON
// from the page's series handler and redrawn every few seconds. The table beside them is their text alternative.
(() => {
    "use strict";
    const host = document.querySelector("[data-series]");
    if (!host || typeof window.uPlot !== "function") return;
    const interval = Number(host.dataset.interval || 10000);
    const charts = {};

    // Colour-blind-safe hues, each series also told apart by its dash pattern and its legend label.
    const outcomeSeries = [
        {},
        { label: "Succeeded", stroke: "#116329", width: 2 },
        { label: "Failed or dead", stroke: "#a40e26", width: 2, dash: [6, 4] },
        { label: "In progress", stroke: "#7d4e00", width: 2, dash: [2, 3] },
        { label: "Skipped or other", stroke: "#4a5563", width: 1, dash: [10, 3, 2, 3] },
    ];
    const latencySeries = [
        {},
        { label: "Average (ms)", stroke: "#0b5cad", width: 2, spanGaps: false, points: { show: true, size: 6 } },
        { label: "95th percentile (ms)", stroke: "#8250df", width: 2, dash: [6, 4], spanGaps: false, points: { show: true, size: 6 } },
    ];

    const size = (el) => ({ width: Math.max(260, el.clientWidth - 4), height: 220 });

    const draw = (id, series, data) => {
        const el = document.getElementById(id);
        if (!el) return;
        if (charts[id]) {
            charts[id].setData(data);
            return;
        }
        charts[id] = new window.uPlot({
            ...size(el),
            series,
            scales: { x: { time: true } },
            axes: [{}, { size: 50 }],
            legend: { live: true },
        }, data, el);
    };

    const refresh = async () => {
        try {
            const response = await fetch(host.dataset.series, { headers: { "Accept": "application/json" }, credentials: "same-origin" });
            if (response.ok) {
                const s = await response.json();
                draw("chart-outcomes", outcomeSeries, [s.minutes, s.succeeded, s.failed, s.inProgress, s.other]);
                draw("chart-latency", latencySeries, [s.minutes, s.avgLatencyMs, s.p95LatencyMs]);
                host.dataset.updated = String(Date.now());
            }
        } catch { /* the next tick tries again */ }
    };

    const tick = async () => {
        if (document.visibilityState === "visible") await refresh();
        setTimeout(tick, interval);
    };

    window.addEventListener("resize", () => {
        for (const [id, chart] of Object.entries(charts)) chart.setSize(size(document.getElementById(id)));
    });
    refresh().then(() => setTimeout(tick, interval));
})();
