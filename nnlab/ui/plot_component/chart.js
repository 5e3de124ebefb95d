// NN Lab's chart component (see nnlab/ui/plots.py): one Plotly div per Streamlit element,
// updated in place with Plotly.react whenever the element's figure changes, so a live
// redraw neither remounts the chart nor loses the user's zoom (layout.uirevision).
// Streamlit calls the default export on mount and again with every new figure, with the
// same parentElement; plotly.js is loaded once per page, from the plotly package's own file.

// streamlit_app.py's own route, which sends it compressed once and revalidated by ETag
// (nnlab/ui/plotly_asset.py); the component route (every server has it) if that one fails.
// This file is served at <base>/_stcore/bidi-components/<component>/chart.js.
const PLOTLY_URLS = [
  new URL("../../../nnlab/plotly.min.js", import.meta.url).href,
  new URL("../nnlab.plotlyjs/plotly.min.js", import.meta.url).href,
];
// Four corners pointing out: "show this chart large".
const ICON = {
  width: 1000, height: 1000,
  path: "M0 0H400V120H120V400H0Z M600 0H1000V400H880V120H600Z M0 600H120V880H400V1000H0Z M880 600H1000V1000H600V880H880Z",
};
const charts = new WeakMap(); // parentElement → chart state
let loading = null;
// The figure text of the element that only loads plotly.js ahead (nnlab/ui/plots.py, preload_plotly).
const PRELOAD = "preload";

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error("plotly.js did not start")));
    script.onerror = () => {
      script.remove();
      reject(new Error(`could not load ${url}`));
    };
    document.head.appendChild(script);
  });
}

function loadPlotly() {
  if (window.Plotly && window.Plotly.react) return Promise.resolve(window.Plotly);
  if (!loading) {
    loading = loadScript(PLOTLY_URLS[0]).catch(() => loadScript(PLOTLY_URLS[1])).catch((err) => {
      loading = null; // let the next figure try again
      throw err;
    });
  }
  return loading;
}

// plotly.js (4.8 MB; 1.5 MB on the wire) at the page's first idle moment, so that the first chart
// after a click does not wait for it: it was most of the first chart's wait on a fresh page.
// Idle, because evaluating it holds the main thread for a moment (Safari has no idle callback).
function preload() {
  const load = () => loadPlotly().catch(() => {}); // a failure is reported by the first chart that needs it
  if (window.requestIdleCallback) window.requestIdleCallback(load, { timeout: 1000 });
  else setTimeout(load, 200);
}

function isLarge(chart) {
  return document.fullscreenElement === chart.host || chart.host.classList.contains("nnlab-chart--large");
}

function toggleLarge(chart) {
  const host = chart.host;
  if (document.fullscreenElement === host) {
    document.exitFullscreen();
  } else if (host.classList.contains("nnlab-chart--large")) {
    host.classList.remove("nnlab-chart--large");
    redraw(chart);
  } else if (host.requestFullscreen && document.fullscreenEnabled) {
    host.requestFullscreen().catch(() => {
      host.classList.add("nnlab-chart--large");
      redraw(chart);
    });
  } else { // e.g. iPhone Safari: no fullscreen for a div, so cover the page instead
    host.classList.add("nnlab-chart--large");
    redraw(chart);
  }
}

function largeButton(chart, title) {
  if (!chart.button || chart.button.title !== title) {
    // One object per chart and title: Plotly.react replots from scratch when its config changes.
    chart.button = { name: "nnlabFullscreen", title, icon: ICON, click: () => toggleLarge(chart) };
  }
  return chart.button;
}

function chartFor(parent) {
  let chart = charts.get(parent);
  if (chart) return chart;
  const host = document.createElement("div");
  host.className = "nnlab-chart";
  const gd = document.createElement("div");
  gd.className = "nnlab-chart__plot";
  host.appendChild(gd);
  parent.appendChild(host);
  chart = { host, gd, text: null, figure: null, next: null, busy: false, drawn: false, width: 0, button: null };
  chart.resizer = new ResizeObserver(() => {
    const width = host.clientWidth;
    if (chart.drawn && width && width !== chart.width && window.Plotly) {
      chart.width = width;
      window.Plotly.Plots.resize(gd);
    }
  });
  chart.resizer.observe(host);
  host.addEventListener("fullscreenchange", () => redraw(chart));
  host.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && host.classList.contains("nnlab-chart--large")) toggleLarge(chart);
  });
  host.tabIndex = -1;
  charts.set(parent, chart);
  return chart;
}

function redraw(chart) {
  if (!chart.figure) return;
  chart.next = chart.figure;
  draw(chart);
}

async function draw(chart) {
  if (chart.busy) return; // the running loop picks up chart.next
  chart.busy = true;
  try {
    const Plotly = await loadPlotly();
    while (chart.next) {
      const figure = chart.next;
      chart.next = null;
      const layout = { ...figure.layout };
      if (isLarge(chart)) {
        layout.width = chart.host.clientWidth;
        layout.height = chart.host.clientHeight;
        chart.host.focus({ preventScroll: true });
      }
      const config = { ...figure.config, modeBarButtonsToAdd: [largeButton(chart, (figure.labels || {}).fullscreen || "Full screen")] };
      await Plotly.react(chart.gd, figure.data || [], layout, config);
      chart.drawn = true;
      chart.width = chart.host.clientWidth;
      // A figure without its own width takes its container's; react keeps the width it had
      // (e.g. from full screen, or from before the column was resized).
      if (!layout.width && chart.width && Math.abs(chart.gd._fullLayout.width - chart.width) > 1) {
        await Plotly.Plots.resize(chart.gd);
      }
      delete chart.host.dataset.error;
    }
  } catch (err) {
    console.error("NN Lab chart:", err);
    chart.host.dataset.error = String(err);
  } finally {
    chart.busy = false;
  }
}

function destroy(parent) {
  const chart = charts.get(parent);
  if (!chart) return;
  chart.resizer.disconnect();
  if (window.Plotly) window.Plotly.purge(chart.gd);
  charts.delete(parent);
}

export default function (component) {
  const { data, parentElement } = component;
  const text = data instanceof Uint8Array ? new TextDecoder().decode(data)
    : typeof data === "string" ? data : JSON.stringify(data);
  if (text === PRELOAD) {
    if (!loading) preload();
    return undefined;
  }
  const chart = chartFor(parentElement);
  if (text && text !== chart.text) {
    chart.text = text;
    chart.figure = JSON.parse(text);
    chart.next = chart.figure;
    if (!chart.drawn && chart.figure.layout && chart.figure.layout.height) {
      chart.host.style.minHeight = `${chart.figure.layout.height}px`; // hold the space while plotly.js loads
    }
    draw(chart);
  }
  // Streamlit calls this when the element is gone, and also when a newer figure overtook
  // this call: only a parent that left the page is cleaned up.
  return () => setTimeout(() => {
    if (!parentElement.isConnected) destroy(parentElement);
  }, 0);
}
