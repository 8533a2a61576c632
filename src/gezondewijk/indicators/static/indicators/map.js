// Choropleth maps of indicators: every element with data-choropleth names the JSON script that
// holds its features and legend (classes computed on the server). Drawing, base map, legend and
// tooltips are the shared web/basemap.js; the tables on the page hold the same figures.
(function () {
  "use strict";
  if (!window.GezondeWijkMap) return;
  document.querySelectorAll("[data-choropleth]").forEach(function (el) {
    var data = document.getElementById(el.getAttribute("data-choropleth"));
    if (!data) return;
    var spec = JSON.parse(data.textContent);
    var map = GezondeWijkMap.create(el);
    GezondeWijkMap.choropleth(map, spec.features, spec.legend);
    el.dataset.ready = "1";
  });
})();
