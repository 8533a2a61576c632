// The scenario chart of the regional health policy: premium (left axis) and prevention budget
// (right axis) per scenario. Data from json_script, labels from the canvas's data attributes.
(function () {
  "use strict";
  var canvas = document.getElementById("scenario-chart");
  var source = document.getElementById("scenario-data");
  if (!window.Chart || !canvas || !source) return;
  var rows = JSON.parse(source.textContent);
  if (!rows.length) return;
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: rows.map(function (r) { return r.name; }),
      datasets: [
        {label: canvas.dataset.labelPremium, data: rows.map(function (r) { return parseFloat(r.premium); }), yAxisID: "y", backgroundColor: "#1d6b42"},
        {label: canvas.dataset.labelBudget, data: rows.map(function (r) { return parseFloat(r.budget); }), yAxisID: "y1", backgroundColor: "#b35c00"}
      ]
    },
    options: {scales: {y: {beginAtZero: true, position: "left"}, y1: {beginAtZero: true, position: "right", grid: {drawOnChartArea: false}}}}
  });
})();
