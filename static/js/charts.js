/* Draws every plotly chart of the page from the JSON beside it (see targets/charts.py). No network beyond our own
   static files: plotly.js and its Chinese locale are fetched from them, once, when the first chart comes near
   the screen (IntersectionObserver), so the first screen is drawn without waiting for 400 KB of plotly; a
   page's main chart (data-eager: a target's) is fetched and drawn at once, still after the first screen.
   Charts follow their box: the box is as tall as the figure, and a resize or a turned phone redraws them at the
   new width (Plotly.Plots.resize). On a phone the mode bar is hidden, the legend goes above the plot, the
   margins grow to fit the tick labels and the figure's own phone settings apply (layout.meta.phone). */
(function () {
  "use strict";
  var script = document.currentScript;
  var plotlyUrl = script && script.getAttribute("data-plotly");
  var localeUrl = script && script.getAttribute("data-plotly-locale");
  var loading = null;

  function load(url) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = url;
      tag.onload = resolve;
      tag.onerror = reject;
      document.head.appendChild(tag);
    });
  }

  function plotly() {
    if (window.Plotly) { return Promise.resolve(window.Plotly); }
    if (!loading) {
      loading = load(plotlyUrl).then(function () { return load(localeUrl); }).then(function () {
        return window.Plotly;
      });
    }
    return loading;
  }

  function phone() { return window.matchMedia("(max-width: 720px)").matches; }

  function spec(box) {
    var source = document.getElementById(box.getAttribute("data-chart"));
    if (!source) { return null; }
    var chart = JSON.parse(source.textContent);
    var config = Object.assign({}, chart.config, { responsive: false });
    var layout = Object.assign({ autosize: true }, chart.layout);
    layout.xaxis = Object.assign({ automargin: true }, layout.xaxis);
    layout.yaxis = Object.assign({ automargin: true }, layout.yaxis);
    if (phone()) {
      config.displayModeBar = false;
      layout.margin = Object.assign({}, layout.margin, { l: Math.max(layout.margin ? layout.margin.l || 0 : 0, 8), r: 16, t: 72, b: 48 });
      // Above the plot, clear of the axis title and the tick labels.
      layout.legend = { orientation: "h", x: 0, xanchor: "left", y: 1.0, yanchor: "bottom" };
      if (layout.title) { layout.title = Object.assign({}, layout.title, { y: 0.98, yanchor: "top", x: 0, xanchor: "left", pad: { l: 8 } }); }
      // What the figure itself asks for on a phone (e.g. the wall chart's short labels: projects/charts.py).
      var asked = (layout.meta && layout.meta.phone) || {};
      Object.keys(asked).forEach(function (name) {
        var value = asked[name];
        layout[name] = value && typeof value === "object" && !Array.isArray(value) ? Object.assign({}, layout[name], value) : value;
      });
    }
    chart.data.forEach(function (trace) {
      if (trace.type === "bar" && trace.text) { trace.cliponaxis = false; trace.textposition = "auto"; trace.constraintext = "none"; }
    });
    return { data: chart.data, layout: layout, config: config };
  }

  function draw(box) {
    if (box.getAttribute("data-drawn")) { return; }
    var chart = spec(box);
    if (!chart) { return; }
    box.setAttribute("data-drawn", "pending");
    if (chart.layout.height) { box.style.height = chart.layout.height + "px"; }
    plotly().then(function (Plotly) {
      return Plotly.newPlot(box, chart.data, chart.layout, chart.config);
    }).then(function () {
      box.setAttribute("data-drawn", "true");
      box.setAttribute("data-width", String(box.clientWidth));
      // For `manage.py bench --browser`: when the first chart of the page was drawn, after navigation.
      if (window.performance && performance.mark && !performance.getEntriesByName("chart-drawn").length) {
        performance.mark("chart-drawn");
      }
    });
  }

  var resizing = null;
  function resizeAll() {
    if (resizing) { window.clearTimeout(resizing); }
    resizing = window.setTimeout(function () {
      document.querySelectorAll("[data-chart][data-drawn=true]").forEach(function (box) {
        var chart = spec(box);  // a phone turned into a desktop (or back) gets its own legend and margins
        if (chart.layout.height) { box.style.height = chart.layout.height + "px"; }
        window.Plotly.react(box, chart.data, chart.layout, chart.config).then(function () {
          return window.Plotly.Plots.resize(box);
        }).then(function () {
          box.setAttribute("data-width", String(box.clientWidth));
        });
      });
    }, 100);
  }

  function start() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
    if (!boxes.length) { return; }
    // A page's main chart (a target's) is drawn at once, after the first screen; the others when scrolled to.
    boxes.filter(function (box) { return box.hasAttribute("data-eager"); }).forEach(draw);
    boxes = boxes.filter(function (box) { return !box.hasAttribute("data-eager"); });
    if (!("IntersectionObserver" in window)) {
      boxes.forEach(draw);
    } else {
      var watcher = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) { watcher.unobserve(entry.target); draw(entry.target); }
        });
      }, { rootMargin: "200px 0px" });
      boxes.forEach(function (box) { watcher.observe(box); });
    }
    window.addEventListener("resize", resizeAll);
    window.addEventListener("orientationchange", resizeAll);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
