/* ECharts of the command-centre dashboard; data comes from the page (json_script), no extra call. */
"use strict";
(function () {
  var d = JSON.parse(document.getElementById("chart-data").textContent);
  var blue = "#0b3d6e", charts = [];
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
  var axis = { axisLabel: { color: "#1a1a1a" } };
  chart("ch-daily", {
    grid: { left: 40, right: 16, top: 20, bottom: 30 }, tooltip: { trigger: "axis" },
    xAxis: Object.assign({ type: "category", data: d.daily.days }, axis),
    yAxis: Object.assign({ type: "value", minInterval: 1 }, axis),
    series: [{ type: "line", data: d.daily.values, color: blue, areaStyle: { opacity: 0.15 } }],
  });
  chart("ch-units", {
    grid: { left: 110, right: 16, top: 10, bottom: 30 }, tooltip: {},
    xAxis: Object.assign({ type: "value", minInterval: 1 }, axis),
    yAxis: Object.assign({ type: "category", data: d.units.names, inverse: true }, axis),
    series: [{ type: "bar", data: d.units.values, color: blue, label: { show: true, position: "right" } }],
  }, d.units.values.length === 0);
  chart("ch-rates", {
    grid: { left: 90, right: 40, top: 10, bottom: 30 }, tooltip: {},
    xAxis: Object.assign({ type: "value", max: 100 }, axis),
    yAxis: Object.assign({ type: "category", data: d.rates.names, inverse: true }, axis),
    series: [{ type: "bar", data: d.rates.values, color: "#0f6b2f", label: { show: true, position: "right", formatter: "{c}%" } }],
  });
  chart("ch-sources", {
    tooltip: { trigger: "item" }, legend: { bottom: 0 },
    series: [{ type: "pie", radius: ["35%", "65%"], data: d.sources, label: { formatter: "{b}\n{c}" } }],
  }, d.sources.length === 0);
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
