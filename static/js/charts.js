/* Draw every chart whose figure the page carries as JSON (Django's json_script).
   No inline script anywhere, so a strict Content-Security-Policy holds. */
(function () {
  "use strict";

  // No plotly toolbar: its buttons would sit inside a container marked as one image, out of
  // reach for screen readers (axe: nested-interactive), and the links under each chart already
  // download it. Recent plotly.js also offers to upload the chart to a cloud service from it.
  var config = {
    responsive: true,
    displayModeBar: false
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
