// The map of strategic places on a wijk's plein. The list below it says the same in words.
(function () {
  var el = document.getElementById("plein-map");
  var data = document.getElementById("plein-points");
  if (!el || !data || !window.L) return;
  var points = JSON.parse(data.textContent);
  var map = L.map(el, {scrollWheelZoom: false});
  var markers = points.map(function (p) {
    return L.circleMarker([p.lat, p.lon], {radius: 8, color: "#1d6b42", fillOpacity: 0.8})
      .bindPopup('<a href="' + p.url + '">' + p.name.replace(/</g, "&lt;") + "</a><br>" + p.kind);
  });
  var group = L.featureGroup(markers);
  if (markers.length) { map.fitBounds(group.getBounds(), {padding: [24, 24], maxZoom: 16}); }
  else { map.setView([52.1, 5.1], 8); }
  group.addTo(map);
  el.dataset.ready = "1";
})();
