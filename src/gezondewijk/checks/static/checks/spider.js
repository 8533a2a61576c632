// The resident's spider web: a Chart.js radar of their latest checks, 0–10 per dimension.
(function () {
  const canvas = document.getElementById("spider");
  const source = document.getElementById("spider-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const colours = ["#9bb8a7", "#5b8f74", "#1f6f4a"];
  const offset = colours.length - data.datasets.length;
  new Chart(canvas, {
    type: "radar",
    data: {
      labels: data.labels.map((l) => l.split(" ")),
      datasets: data.datasets.map((d, i) => ({
        label: d.label, data: d.data, fill: i === data.datasets.length - 1,
        borderColor: colours[offset + i], backgroundColor: "rgba(31,111,74,.15)",
        pointBackgroundColor: colours[offset + i],
      })),
    },
    options: { animation: false, scales: { r: { min: 0, max: 10, ticks: { stepSize: 2 }, pointLabels: { font: { size: 11 } } } } },
  });
  canvas.dataset.ready = "true";
})();
