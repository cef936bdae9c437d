/* ECharts of the command-centre dashboard; data comes from the page (json_script), no extra call.
   Labels are laid out to stay inside their box at 375 px as at 1366 px (helper:forms, decision
   087): the axes' labels are contained in the grid (ECharts 6 outerBounds), long unit names wrap,
   and the pie's labels are aligned to the chart's edges with the legend below. */
"use strict";
(function () {
  var d = JSON.parse(document.getElementById("chart-data").textContent);
  var blue = "#0b3d6e", charts = [];
  function narrow(id) { return document.getElementById(id).clientWidth < 480; }
  function chart(id, option, empty) {
    if (empty) {
      var el = document.getElementById(id);
      el.classList.add("empty-chart");
      el.textContent = "暂无数据";
      return;
    }
    var c = echarts.init(document.getElementById(id), null, { renderer: "svg" });
    c.setOption(Object.assign({ animation: false, textStyle: { fontSize: 13 } }, option));
    charts.push(c);
  }
  // The grid is the chart's box less a margin; axis labels are kept inside it.
  function grid(right) {
    return { left: 8, right: right, top: 12, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" };
  }
  function categoryLabels(id) {
    return { color: "#1a1a1a", width: narrow(id) ? 80 : 150, overflow: "break", lineHeight: 15 };
  }
  var axis = { axisLabel: { color: "#1a1a1a", hideOverlap: true } };
  chart("ch-daily", {
    grid: grid(16), tooltip: { trigger: "axis" },
    xAxis: Object.assign({ type: "category", data: d.daily.days }, axis),
    yAxis: Object.assign({ type: "value", minInterval: 1 }, axis),
    series: [{ type: "line", data: d.daily.values, color: blue, areaStyle: { opacity: 0.15 },
               showSymbol: d.daily.values.length <= 31 }],
  });
  chart("ch-units", {
    grid: grid(40), tooltip: {},
    xAxis: Object.assign({ type: "value", minInterval: 1 }, axis),
    yAxis: { type: "category", data: d.units.names, inverse: true, axisLabel: categoryLabels("ch-units") },
    series: [{ type: "bar", data: d.units.values, color: blue, label: { show: true, position: "right" } }],
  }, d.units.values.length === 0);
  chart("ch-rates", {
    grid: grid(56), tooltip: {},
    xAxis: Object.assign({ type: "value", max: 100 }, axis),
    yAxis: { type: "category", data: d.rates.names, inverse: true, axisLabel: categoryLabels("ch-rates") },
    series: [{ type: "bar", data: d.rates.values, color: "#0f6b2f", label: { show: true, position: "right", formatter: "{c}%" } }],
  });
  // The pie leaves each side room for a label as wide as the box allows (the chart box of the
  // source pie is ~265 px in the desktop grid and ~300 px on a phone).
  var pieBox = document.getElementById("ch-sources");
  var small = narrow("ch-sources");
  var outer = small ? 0.4 : 0.6;
  var labelWidth = Math.max(48, Math.floor(pieBox.clientWidth / 2 - (Math.min(pieBox.clientWidth, 300) / 2) * outer - 16));
  chart("ch-sources", {
    tooltip: { trigger: "item" },
    legend: { bottom: 0, type: "scroll" },
    series: [{
      type: "pie",
      radius: [Math.round(outer * 55) + "%", Math.round(outer * 100) + "%"],
      center: ["50%", "45%"],
      data: d.sources,
      avoidLabelOverlap: true,
      label: { formatter: "{b}\n{c}", alignTo: "edge", edgeDistance: 4, overflow: "break",
               width: labelWidth, lineHeight: 15, fontSize: 12 },
      labelLine: { length: 6, length2: 0, maxSurfaceAngle: 80 },
    }],
  }, d.sources.length === 0);
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
