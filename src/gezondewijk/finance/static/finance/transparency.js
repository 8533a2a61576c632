// Charts of the fund's flows, drawn from the same rows as the CSV (the tables beside them
// carry the totals for screen readers).
(function () {
  var rows = JSON.parse(document.getElementById("flow-data").textContent);
  if (!window.Chart) return;
  var colours = ["#1d6b42", "#b35c00", "#2b5797", "#8e3b8e", "#6b6b1d", "#a33", "#2a8a8a", "#555"];
  function stacked(canvas, kind, key) {
    var part = rows.filter(function (r) { return r.kind === kind; });
    var months = Array.from(new Set(part.map(function (r) { return r.month; }))).sort();
    var names = Array.from(new Set(part.map(function (r) { return r[key]; }))).sort();
    var datasets = names.map(function (name, i) {
      return {
        label: name,
        backgroundColor: colours[i % colours.length],
        data: months.map(function (m) {
          return part.filter(function (r) { return r.month === m && r[key] === name; })
            .reduce(function (s, r) { return s + parseFloat(r.amount); }, 0);
        })
      };
    });
    new Chart(document.getElementById(canvas), {
      type: "bar",
      data: {labels: months, datasets: datasets},
      options: {scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true}}}
    });
  }
  stacked("funder-chart", "contribution", "funder");
  stacked("wijk-chart", "grant", "wijk");
  var grants = rows.filter(function (r) { return r.kind === "grant"; });
  var themes = Array.from(new Set(grants.map(function (r) { return r.theme; }))).sort();
  new Chart(document.getElementById("theme-chart"), {
    type: "doughnut",
    data: {
      labels: themes,
      datasets: [{
        data: themes.map(function (t) {
          return grants.filter(function (r) { return r.theme === t; })
            .reduce(function (s, r) { return s + parseFloat(r.amount); }, 0);
        }),
        backgroundColor: themes.map(function (t, i) { return colours[i % colours.length]; })
      }]
    }
  });
})();
