// The map of strategic places on a wijk's plein, over the wijk's outline when it is known. The
// list below it says the same in words. Base map, legend and tooltips: web/basemap.js.
(function () {
  "use strict";
  var el = document.getElementById("plein-map");
  var data = document.getElementById("plein-points");
  if (!el || !data || !window.GezondeWijkMap) return;
  var GW = GezondeWijkMap;
  var spec = JSON.parse(data.textContent);
  var PLACE = "#1d6b42", OUTLINE = "#1f4e79";
  var map = GW.create(el, { scrollWheelZoom: false });
  var area = null;
  if (spec.area.boundary) {
    area = L.geoJSON(
      { type: "Feature", geometry: spec.area.boundary, properties: { name: spec.area.name } },
      { style: { color: OUTLINE, weight: 2, fillOpacity: 0.05, dashArray: "6 4" }, attribution: GW.credit() }
    ).bindTooltip(GW.text(spec.area.name), { sticky: true });
  }
  var markers = spec.points.map(function (p) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name;
    popup.appendChild(link);
    popup.appendChild(document.createElement("br"));
    popup.appendChild(GW.text(p.kind));
    return L.circleMarker([p.lat, p.lon], { radius: 8, color: PLACE, fillOpacity: 0.8 })
      .bindPopup(popup)
      .bindTooltip(GW.text(p.name + " (" + p.kind + ")"));
  });
  var group = L.featureGroup(markers);
  if (markers.length) { map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 16 }); }
  else if (area) { map.fitBounds(area.getBounds()); }
  else { map.setView([52.1, 5.1], 8); }
  if (area) { area.addTo(map); GW.labelAreas(map, area); }
  group.addTo(map);
  var entries = [{ label: spec.legend.place, kind: "point", colour: PLACE, outline: PLACE }];
  if (area) entries.push({ label: spec.legend.area, kind: "outline", outline: OUTLINE });
  GW.legend(map, spec.legend.title, entries);
  el.dataset.ready = "1";
})();
