// Draw every chart of the page from its embedded JSON; a click on a point opens its local URL.
(function () {
  "use strict";
  function draw(el) {
    var source = document.getElementById(el.dataset.figure);
    if (!source || typeof Plotly === "undefined") { return; }
    var figure = JSON.parse(source.textContent);
    Plotly.newPlot(el, figure.data, figure.layout, {displayModeBar: false, responsive: true}).then(function () {
      el.dataset.ready = "1";
    });
    el.on("plotly_click", function (event) {
      var url = event.points && event.points[0] && event.points[0].customdata;
      if (typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/") {
        window.location.href = url;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".chart[data-figure]").forEach(draw);
  });
})();
