// Growth of initiatives per quarter: the number alive (left axis) and their influence (right
// axis). Data from json_script, labels from the canvas's data attributes.
(function () {
  "use strict";
  var canvas = document.getElementById("growth-chart");
  var source = document.getElementById("growth-data");
  if (!window.Chart || !canvas || !source) return;
  var rows = JSON.parse(source.textContent);
  if (!rows.length) return;
  new Chart(canvas, {
    type: "line",
    data: {
      labels: rows.map(function (r) { return r.quarter; }),
      datasets: [
        {label: canvas.dataset.labelInitiatives, data: rows.map(function (r) { return r.initiatives; }), yAxisID: "y", borderColor: "#1d6b42"},
        {label: canvas.dataset.labelInfluence, data: rows.map(function (r) { return r.influence; }), yAxisID: "y1", borderColor: "#b35c00"}
      ]
    },
    options: {scales: {y: {beginAtZero: true, position: "left"}, y1: {beginAtZero: true, position: "right", grid: {drawOnChartArea: false}}}}
  });
})();
