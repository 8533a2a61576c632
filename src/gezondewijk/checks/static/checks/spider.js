// The resident's spider web: a Chart.js radar of their latest checks, 0–10 per dimension.
(function () {
  const canvas = document.getElementById("spider");
  const source = document.getElementById("spider-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const colours = ["#9bb8a7", "#5b8f74", "#1f6f4a"];
  const own = data.datasets.filter((d) => !d.buurt);
  const offset = colours.length - own.length;
  new Chart(canvas, {
    type: "radar",
    data: {
      labels: data.labels.map((l) => l.split(" ")),
      datasets: data.datasets.map((d, i) => {
        if (d.buurt) {
          return { label: d.label, data: d.data, fill: false, borderDash: [6, 4],
            borderColor: "#8a6d1f", pointBackgroundColor: "#8a6d1f" };
        }
        const n = i - (data.datasets.length - own.length);
        return { label: d.label, data: d.data, fill: n === own.length - 1,
          borderColor: colours[offset + n], backgroundColor: "rgba(31,111,74,.15)",
          pointBackgroundColor: colours[offset + n] };
      }),
    },
    options: { animation: false, scales: { r: { min: 0, max: 10, ticks: { stepSize: 2 }, pointLabels: { font: { size: 11 } } } } },
  });
  canvas.dataset.ready = "true";
})();
