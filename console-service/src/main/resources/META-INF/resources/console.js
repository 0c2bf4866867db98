// Progressive enhancement only: every page reads fine without it.
(function () {
  "use strict";

  // Exact times in the browser's own zone; the server writes them in UTC.
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (time) {
      var at = new Date(time.getAttribute("datetime"));
      if (isNaN(at)) { return; }
      time.title = at.toLocaleString();
      if (time.textContent === time.getAttribute("datetime")) { time.textContent = at.toLocaleString(); }
    });
  }

  function trendChart(root) {
    var element = root.querySelector("#trend");
    if (!element || !window.echarts) { return; }
    var trend = JSON.parse(element.dataset.trend || "{}");
    if (!trend.times || trend.times.length === 0) { return; }
    var chart = echarts.getInstanceByDom(element) || echarts.init(element, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      xAxis: { type: "category", data: trend.times.map(function (t) { return new Date(t).toLocaleString(); }) },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value} %" } },
      series: trend.series.map(function (s) { return { name: s.name, type: "line", data: s.values, connectNulls: true }; })
    }, true);
  }

  // A server-sent nudge says something changed: fetch the live part of the page again and swap it in.
  function live() {
    if (!window.EventSource || !document.querySelector("[data-live]")) { return; }
    var source = new EventSource("/live");
    source.onmessage = function () {
      document.querySelectorAll("[data-live]").forEach(function (part) {
        var url = part.dataset.live || window.location.pathname + window.location.search;
        htmx.ajax("GET", url, { target: "#" + part.id, select: "#" + part.id, swap: "outerHTML" });
      });
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    trendChart(document);
    live();
  });
  document.addEventListener("htmx:afterSettle", function () {
    localTimes(document);
    trendChart(document);
  });
})();
