/* Draws every plotly chart of the page from the JSON beside it (see targets/charts.py). No network: plotly.js
   and its Chinese locale come from our static files. On a phone the mode bar is hidden to leave room. */
(function () {
  "use strict";
  function draw() {
    if (!window.Plotly) { return; }
    var phone = window.matchMedia("(max-width: 720px)").matches;
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var source = document.getElementById(box.getAttribute("data-chart"));
      if (!source) { return; }
      var spec = JSON.parse(source.textContent);
      var config = Object.assign({}, spec.config);
      if (phone) {
        config.displayModeBar = false;
        spec.layout.margin = Object.assign({}, spec.layout.margin, { r: 8 });
      }
      window.Plotly.newPlot(box, spec.data, spec.layout, config).then(function () {
        box.setAttribute("data-drawn", "true");
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
