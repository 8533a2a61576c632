/* Pictures of the network: a resident's own ties, and the groups of a wijk. Data comes from
   json_script blocks on the page; the same figures are always in a table beside the picture. */
(function () {
  "use strict";
  var COLOURS = { me: "#1d6b42", inwoner: "#2b6cb0", contact: "#6b7280", organisatie: "#b45309",
                  plek: "#7c3aed", initiatief: "#be185d" };

  function data(id) { return JSON.parse(document.getElementById(id).textContent); }

  function ego(containerId, dataId) {
    var graph = data(dataId);
    var cy = cytoscape({
      container: document.getElementById(containerId),
      elements: graph.nodes.concat(graph.edges),
      style: [
        { selector: "node", style: { "label": "data(label)", "font-size": 11, "width": 22, "height": 22,
          "background-color": function (n) { return COLOURS[n.data("type")] || "#444"; },
          "text-valign": "bottom", "text-margin-y": 4 } },
        { selector: "node[type = 'me']", style: { "width": 34, "height": 34, "font-weight": "bold" } },
        { selector: "edge", style: { "width": function (e) { return 1 + 1.5 * e.data("strength"); },
          "line-color": "#9ca3af" } },
        { selector: "node[?pending]", style: { "border-width": 2, "border-style": "dashed", "border-color": "#111" } }
      ],
      layout: { name: "concentric", minNodeSpacing: 50, padding: 30,
                concentric: function (n) { return n.data("type") === "me" ? 2 : 1; },
                levelWidth: function () { return 1; } },
      maxZoom: 1.2,
      userZoomingEnabled: false
    });
    window.egoGraph = cy;  // for the browser tests and for curious people in the console
  }

  function spread(canvasId, dataId) {
    var rows = data(dataId);
    new Chart(document.getElementById(canvasId), {
      type: "bar",
      data: { labels: rows.map(function (r) { return r.label; }),
              datasets: [{ data: rows.map(function (r) { return r.ties; }), backgroundColor: "#1d6b42" }] },
      options: { indexAxis: "y", plugins: { legend: { display: false } },
                 scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }, animation: false }
    });
  }

  function communities(containerId, nodesId, linksId, groupWord) {
    var nodes = data(nodesId), links = data(linksId);
    var biggest = Math.max.apply(null, nodes.map(function (n) { return n.residents; }).concat([1]));
    var elements = nodes.map(function (n) {
      return { data: { id: "c" + n.community, label: groupWord + " " + (n.community + 1) + " (" + n.residents + ")",
                       size: 20 + 60 * Math.sqrt(n.residents / biggest) } };
    }).concat(links.map(function (l) {
      return { data: { id: "l" + l.c1 + "-" + l.c2, source: "c" + l.c1, target: "c" + l.c2, ties: l.ties } };
    }));
    var mostTies = Math.max.apply(null, links.map(function (l) { return l.ties; }).concat([1]));
    window.communityGraph = cytoscape({
      container: document.getElementById(containerId),
      elements: elements,
      style: [
        { selector: "node", style: { "label": "data(label)", "width": "data(size)", "height": "data(size)",
          "background-color": "#2b6cb0", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4 } },
        { selector: "edge", style: { "width": function (e) { return 1 + 7 * e.data("ties") / mostTies; },
          "line-color": "#9ca3af" } }
      ],
      layout: { name: "cose", animate: false, randomize: false, padding: 30 },
      maxZoom: 1.2,
      userZoomingEnabled: false
    });
  }

  /* The tie form asks only for the target that fits the chosen kind; without JavaScript all
     fields stay visible and the server checks which one was needed. */
  function tieForm(formId) {
    var form = document.getElementById(formId);
    if (!form) { return; }
    var fieldFor = { inwoner: "connect_code", contact: "contact_label", organisatie: "organisation",
                     plek: "location", initiatief: "initiative" };
    var choice = form.querySelector("[name=target_type]");
    function update() {
      Object.keys(fieldFor).forEach(function (type) {
        var input = form.querySelector("[name=" + fieldFor[type] + "]");
        if (input) { input.closest("p").hidden = choice.value !== type; }
      });
    }
    choice.addEventListener("change", update);
    update();
  }

  window.GezondeWijkNetwork = { ego: ego, spread: spread, communities: communities, tieForm: tieForm };
})();
