// Draws the report's figures (JSON in #report-data) with the inlined ECharts build and ScalearnCharts, and makes the
// tables sortable. window.scalearnReport exposes the chart instances by figure id, and `ready`/`drawMs` once every chart has drawn.
(function () {
  'use strict';

  var figures = JSON.parse(document.getElementById('report-data').textContent);
  var state = { charts: {}, figures: figures, ready: false, drawMs: null };
  window.scalearnReport = state;

  function draw() {
    var start = performance.now();
    var nodes = document.querySelectorAll('[data-figure]');
    var pending = nodes.length;
    function finished() {
      pending--;
      if (pending === 0) {
        state.drawMs = performance.now();
        state.renderMs = performance.now() - start;
        state.ready = true;
        document.body.setAttribute('data-ready', 'true');
      }
    }
    if (pending === 0) { pending = 1; finished(); }
    nodes.forEach(function (node) {
      var fig = figures[node.getAttribute('data-figure')];
      var chart = echarts.init(node, null, { renderer: 'canvas' });
      state.charts[fig.id] = chart;
      var done = false;
      chart.on('finished', function () { if (!done) { done = true; finished(); } });
      chart.setOption(ScalearnCharts.option(fig));
    });
    var resizeTimer = null;
    window.addEventListener('resize', function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () { Object.keys(state.charts).forEach(function (k) { state.charts[k].resize(); }); }, 100);
    });
  }

  document.querySelectorAll('table.sortable').forEach(ScalearnTables.sortable);
  draw();
})();
