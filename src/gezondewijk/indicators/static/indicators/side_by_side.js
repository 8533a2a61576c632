// Scatter chart: each area's health value against its living-environment value.
(function () {
  var node = document.getElementById("pairs-data");
  var canvas = document.getElementById("pairs-chart");
  if (!node || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(node.textContent);
  new Chart(canvas, {
    type: "scatter",
    data: { datasets: [{ label: data.title, backgroundColor: "#2563eb",
      data: data.pairs.map(function (p) { return { x: p.environment, y: p.health, name: p.name }; }) }] },
    options: {
      animation: false,
      scales: { x: { title: { display: true, text: data.x } }, y: { title: { display: true, text: data.y } } },
      plugins: { tooltip: { callbacks: { label: function (c) {
        return c.raw.name + ": " + c.raw.x.toFixed(1) + " / " + c.raw.y.toFixed(1); } } } }
    }
  });
})();
