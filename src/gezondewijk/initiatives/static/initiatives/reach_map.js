// The reach map: buurten coloured by whether an activity took place within walking distance,
// and the strategic locations (active ones filled). Data from json_script; base map, legend and
// tooltips from the shared web/basemap.js.
(function () {
  "use strict";
  var el = document.getElementById("reach-map");
  var data = JSON.parse(document.getElementById("reach-data").textContent);
  if (!el || !window.GezondeWijkMap) return;
  var GW = GezondeWijkMap, words = data.legend;
  var REACHED = "#1d6b42", NOT_REACHED = "#a4161a";
  var map = GW.create(el);
  var layers = [], buurten = [], outlined = [], names = [];
  function style(b) {
    if (b.reached === null) return GW.noData;
    var colour = b.reached ? REACHED : NOT_REACHED;
    return { color: colour, fillColor: colour, weight: 2, fillOpacity: 0.25 };
  }
  function describe(b) {
    var status = b.reached === null ? words.unknown : (b.reached ? words.yes : words.no);
    var nearest = b.nearest_m === null ? "" : "; " + words.nearest + ": " + GW.formatValue(b.nearest_m, "m");
    return GW.text(b.name + ": " + status + nearest);
  }
  data.buurten.forEach(function (b) {
    if (b.boundary) {
      var shape = L.geoJSON(b.boundary, { style: style(b), attribution: GW.credit() });
      buurten.push(shape.bindTooltip(describe(b), { sticky: true }));
      outlined.push(shape);
      names.push(b.name);
    } else if (b.centre) {
      buurten.push(L.circleMarker(b.centre, Object.assign({ radius: 12 }, style(b))).bindTooltip(describe(b)));
    }
  });
  data.points.forEach(function (p) {
    layers.push(L.circleMarker([p.lat, p.lon], { radius: 6, color: p.active ? REACHED : "#555", fillOpacity: p.active ? 0.9 : 0.2 })
      .bindTooltip(GW.text(p.name + " (" + p.kind + ")")));
  });
  // The view is set before anything is drawn: Leaflet cannot place shapes on a map without one.
  // The wijk's own buurten fill the view; active places nearby outside it are drawn too.
  var own = L.featureGroup(buurten), all = L.featureGroup(buurten.concat(layers));
  var focus = buurten.length ? own : all;
  if (buurten.length || layers.length) { map.fitBounds(focus.getBounds(), { padding: [20, 20] }); } else { map.setView([52.1, 5.1], 8); }
  all.addTo(map);
  GW.labelAreas(map, outlined, function (shape) { return names[outlined.indexOf(shape)]; });
  GW.legend(map, words.title, [
    { label: words.reached, colour: "rgba(29, 107, 66, 0.25)", outline: REACHED },
    { label: words.not_reached, colour: "rgba(164, 22, 26, 0.25)", outline: NOT_REACHED },
    { label: words.unknown, kind: "missing" },
    { label: words.active, kind: "point", colour: REACHED, outline: REACHED },
    { label: words.idle, kind: "point", colour: "rgba(85, 85, 85, 0.2)", outline: "#555" }
  ]);
  el.dataset.features = String(buurten.length);
  el.dataset.ready = "1";
})();
