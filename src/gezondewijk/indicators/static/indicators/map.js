// Choropleth maps of indicators: every element with data-choropleth names the JSON script
// that holds its GeoJSON features. The tables on the page hold the same figures.
(function () {
  if (typeof L === "undefined") return;
  var colours = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
  document.querySelectorAll("[data-choropleth]").forEach(function (el) {
    var data = document.getElementById(el.getAttribute("data-choropleth"));
    if (!data) return;
    var features = JSON.parse(data.textContent);
    var values = features.map(function (f) { return f.properties.value; }).filter(function (v) { return v !== null; });
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    function colour(v) {
      if (v === null) return "#cccccc";
      var i = hi > lo ? Math.min(4, Math.floor((v - lo) / (hi - lo) * 5)) : 2;
      return colours[i];
    }
    var map = L.map(el);
    var layer = L.geoJSON({ type: "FeatureCollection", features: features }, {
      style: function (f) { return { fillColor: colour(f.properties.value), weight: 1, color: "#555", fillOpacity: 0.8 }; },
      onEachFeature: function (f, l) {
        var v = f.properties.value === null ? "–" : f.properties.value.toFixed(1);
        l.bindTooltip(f.properties.name + ": " + v);
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds());
  });
})();
