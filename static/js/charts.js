/* Draw every chart whose figure the page carries as JSON (Django's json_script).
   No inline script anywhere, so a strict Content-Security-Policy holds. */
(function () {
  "use strict";

  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"]
  };

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-figure"));
    if (!source || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    container.textContent = "";
    container.classList.add("chart--drawn");
    window.Plotly.newPlot(container, figure.data, figure.layout, config);
  }

  document.querySelectorAll("[data-figure]").forEach(draw);
})();
