// The reach map: buurten coloured by whether an activity took place within walking distance,
// and the strategic locations (active ones filled). Data from json_script.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("reach-data").textContent);
  if (!window.L) return;
  var map = L.map("reach-map");
  var layers = [], buurten = [];
  data.buurten.forEach(function (b) {
    var colour = b.reached === null ? "#888" : (b.reached ? "#1d6b42" : "#a4161a");
    if (b.boundary) {
      buurten.push(L.geoJSON(b.boundary, {style: {color: colour, weight: 2, fillOpacity: 0.25}}).bindTooltip(b.name));
    } else if (b.centre) {
      buurten.push(L.circleMarker(b.centre, {color: colour, radius: 12}).bindTooltip(b.name));
    }
  });
  data.points.forEach(function (p) {
    layers.push(L.circleMarker([p.lat, p.lon], {radius: 6, color: p.active ? "#1d6b42" : "#555", fillOpacity: p.active ? 0.9 : 0.2}).bindTooltip(p.name + " (" + p.kind + ")"));
  });
  // The view is set before anything is drawn: Leaflet cannot place shapes on a map without one.
  // The wijk's own buurten fill the view; active places nearby outside it are drawn too.
  var own = L.featureGroup(buurten), all = L.featureGroup(buurten.concat(layers));
  var focus = buurten.length ? own : all;
  if (buurten.length || layers.length) { map.fitBounds(focus.getBounds(), {padding: [20, 20]}); } else { map.setView([52.1, 5.1], 8); }
  all.addTo(map);
  document.getElementById("reach-map").dataset.ready = "1";
})();
