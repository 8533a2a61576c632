// The one way every map of the platform is drawn: the base map from the settings (tiles may fail
// to load: an intranet, an outage; the areas, their names and the legend never wait on them),
// a legend, tooltips with the area's name and value in Dutch number format, and one look for
// "geen gegevens" and for suppressed figures. Settings and words come from #map-config
// (json_script, see web/templatetags/maps.py); each app's map script calls GezondeWijkMap.
(function () {
  "use strict";
  if (!window.L) return;

  // Sequential blues (ColorBrewer), light to dark; fewer classes take an even spread of them.
  var BLUES = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
  var NO_DATA = { fillColor: "#f4f4f4", color: "#767676", weight: 1, dashArray: "4 4", fillOpacity: 0.7 };
  var SUPPRESSED = { fillColor: "url(#gw-hatch)", color: "#767676", weight: 1, dashArray: "2 3", fillOpacity: 1 };
  // A failed tile shows as nothing instead of a broken-image icon.
  var BLANK = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
  // Dutch notation; one decimal (as the tables) unless every number on the map is whole.
  var formats = [0, 1].map(function (d) {
    return new Intl.NumberFormat("nl-NL", { minimumFractionDigits: d, maximumFractionDigits: d });
  });
  var config = null;

  function settings() {
    if (config === null) {
      var el = document.getElementById("map-config");
      config = el ? JSON.parse(el.textContent) : { tiles: "", attribution: "", boundaries: "", labels: {} };
    }
    return config;
  }

  function text(s) {
    var span = document.createElement("span");
    span.textContent = s;
    return span;
  }

  function escapeHtml(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function formatValue(value, unit, digits) {
    if (value === null || value === undefined) return settings().labels.missing;
    var n = formats[digits === 0 ? 0 : 1].format(value);
    if (digits === undefined && Number.isInteger(value)) n = formats[0].format(value);
    if (!unit) return n;
    return unit === "%" ? n + "%" : n + " " + unit;
  }

  // A map with the base layer, when one is configured. The element says what it shows
  // (data-tiles) so a test, or a person reading the page source, can see it.
  function create(el, options) {
    var cfg = settings();
    var map = L.map(el, options || {});
    el.classList.add("gw-map");
    if (cfg.tiles) {
      L.tileLayer(cfg.tiles, {
        attribution: escapeHtml(cfg.attribution),
        maxZoom: 19,
        errorTileUrl: BLANK,
        className: "gw-tiles"
      }).addTo(map);
      el.dataset.tiles = cfg.tiles;
    } else {
      el.dataset.tiles = "";
    }
    return map;
  }

  function palette(n) {
    if (n <= 0) return [];
    if (n === 1) return [BLUES[3]];
    var out = [];
    for (var i = 0; i < n; i++) out.push(BLUES[Math.round(1 + i * (BLUES.length - 2) / (n - 1))]);
    return out;
  }

  // The hatching for suppressed areas: an SVG pattern in the map's own SVG.
  function ensureHatch(map) {
    if (document.getElementById("gw-hatch")) return;
    var svg = map.getPane("overlayPane").querySelector("svg");
    if (!svg) return;
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", "gw-hatch");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "6");
    pattern.setAttribute("height", "6");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var bg = document.createElementNS(ns, "rect");
    bg.setAttribute("width", "6");
    bg.setAttribute("height", "6");
    bg.setAttribute("fill", "#f4f4f4");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "0"); line.setAttribute("y1", "0");
    line.setAttribute("x2", "0"); line.setAttribute("y2", "6");
    line.setAttribute("stroke", "#999"); line.setAttribute("stroke-width", "2");
    pattern.appendChild(bg); pattern.appendChild(line); defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  // entries: [{label, colour?, kind?: "missing"|"suppressed"|"point"|"area", outline?}]
  function legend(map, title, entries, unitLabel) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "gw-legend");
      box.setAttribute("data-testid", "map-legend");
      var h = L.DomUtil.create("div", "gw-legend-title", box);
      h.textContent = title || settings().labels.legend;
      if (unitLabel) L.DomUtil.create("div", "gw-legend-unit", box).textContent = unitLabel;
      var list = L.DomUtil.create("ul", "", box);
      entries.forEach(function (e) {
        var li = L.DomUtil.create("li", "", list);
        var swatch = L.DomUtil.create("span", "gw-swatch gw-swatch-" + (e.kind || "area"), li);
        if (e.colour) swatch.style.backgroundColor = e.colour;
        if (e.outline) swatch.style.borderColor = e.outline;
        li.appendChild(text(e.label));
        if (e.kind) li.setAttribute("data-kind", e.kind);
      });
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
    return control;
  }

  function rangeLabel(c, unit, digits) {
    var label = c.low === c.high ? formatValue(c.low, unit, digits)
      : formatValue(c.low, "", digits) + " – " + formatValue(c.high, unit, digits);
    return label + " (" + c.count + ")";
  }

  // Names on the map itself when there are few areas (they are in the tooltips always).
  // `shapes`: a layer group or an array of layers; nameOf(shape) gives a shape's name.
  function labelAreas(map, shapes, nameOf) {
    var list = Array.isArray(shapes) ? shapes : shapes.getLayers();
    if (list.length > 15) return;
    nameOf = nameOf || function (shape) { return shape.feature.properties.name; };
    list.forEach(function (shape) {
      L.tooltip({ permanent: true, direction: "center", className: "gw-area-label", interactive: false })
        .setLatLng(shape.getBounds().getCenter())
        .setContent(text(nameOf(shape)))
        .addTo(map);
    });
  }

  // A choropleth: features carry properties name, value, status ("value", "missing",
  // "suppressed") and class (index into legend.classes, worked out on the server).
  function choropleth(map, features, spec) {
    var cfg = settings();
    var classes = spec.classes || [];
    var colours = palette(classes.length);
    var whole = features.every(function (f) { return f.properties.value === null || Number.isInteger(f.properties.value); })
      && classes.every(function (c) { return Number.isInteger(c.low) && Number.isInteger(c.high); });
    var digits = whole ? 0 : 1;
    var layer = L.geoJSON({ type: "FeatureCollection", features: features }, {
      attribution: escapeHtml(cfg.boundaries),
      style: function (f) {
        var p = f.properties;
        if (p.status === "suppressed") return SUPPRESSED;
        if (p.class === null || p.class === undefined) return NO_DATA;
        return { fillColor: colours[p.class], color: "#444", weight: 1, fillOpacity: 0.75 };
      },
      onEachFeature: function (f, shape) {
        var p = f.properties;
        var value = p.status === "suppressed" ? cfg.labels.suppressed : formatValue(p.value, spec.unit, digits);
        shape.bindTooltip(text(p.name + ": " + value), { sticky: true });
      }
    }).addTo(map);
    ensureHatch(map);
    if (features.length) map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    labelAreas(map, layer);
    var entries = classes.map(function (c, i) { return { label: rangeLabel(c, spec.unit, digits), colour: colours[i] }; });
    if (spec.suppressed) entries.push({ label: cfg.labels.suppressed + " (" + spec.suppressed + ")", kind: "suppressed" });
    if (spec.missing || !classes.length) entries.push({ label: cfg.labels.missing + " (" + (spec.missing || 0) + ")", kind: "missing" });
    legend(map, spec.title, entries, spec.unit_label);
    map.getContainer().dataset.features = String(layer.getLayers().length);
    return layer;
  }

  window.GezondeWijkMap = {
    create: create,
    choropleth: choropleth,
    legend: legend,
    formatValue: formatValue,
    labelAreas: labelAreas,
    noData: NO_DATA,
    credit: function () { return escapeHtml(settings().boundaries); },
    text: text,
    settings: settings
  };
})();
