// Charts of a wijk among its peers and over the years; the tables hold the same figures.
(function () {
  var node = document.getElementById("benchmark-data");
  if (!node || typeof Chart === "undefined") return;
  var data = JSON.parse(node.textContent);
  if (!data) return;
  var peers = document.getElementById("peer-chart");
  if (peers && data.peers) {
    new Chart(peers, {
      type: "bar",
      data: { labels: data.peers.labels, datasets: [{ label: data.peers.title, data: data.peers.values,
        backgroundColor: data.peers.self.map(function (s) { return s ? "#ea580c" : "#2563eb"; }) }] },
      options: { animation: false }
    });
  }
  var trend = document.getElementById("trend-chart");
  if (trend && data.trend) {
    new Chart(trend, {
      type: "line",
      data: { labels: data.trend.labels, datasets: data.trend.datasets },
      options: { animation: false }
    });
  }
})();
