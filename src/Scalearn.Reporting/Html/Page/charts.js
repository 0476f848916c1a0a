// The report's chart types as ECharts options, shared by the HTML report and the live dashboard:
// ScalearnCharts.option(figure) turns one figure (the JSON of Scalearn.Reporting.Figures) into an ECharts option.
(function () {
  'use strict';

  var INK = '#1d2433', MUTED = '#5b6478', LINE = '#e3e7ef';
  var POINT = '#3b5bdb', BEST = '#e8590c', TRAIN = '#868e96';
  var TRIAL_SHADES = ['#c5d0f5', '#3b5bdb', '#0b1f66'];
  var SCORE_SHADES = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
  var LARGE = 2000;

  function fmt(v) {
    if (v === null || v === undefined || typeof v !== 'number') return v === null || v === undefined ? '–' : String(v);
    if (Number.isInteger(v)) return String(v);
    var a = Math.abs(v);
    return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(3) : String(+v.toPrecision(5));
  }

  // Tooltips are HTML: every label and category from the data is escaped.
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }

  function axisValue(spec, v) {
    return esc(spec.type === 'category' && spec.categories ? spec.categories[v] : fmt(v));
  }

  function axis(spec, extra) {
    var a = {
      name: spec.label, nameLocation: 'middle', nameGap: 30, nameTextStyle: { color: MUTED },
      axisLine: { lineStyle: { color: '#9aa3b5' } }, splitLine: { lineStyle: { color: LINE } },
      axisLabel: { color: MUTED, hideOverlap: true }
    };
    if (spec.type === 'category') {
      a.type = 'category';
      a.data = spec.categories;
      a.splitLine = { show: false };
    } else {
      a.type = spec.type === 'log' ? 'log' : 'value';
      a.scale = true;
      a.boundaryGap = ['4%', '4%'];
      a.axisLabel.formatter = fmt;
    }
    return Object.assign(a, extra || {});
  }

  function base(extra) {
    return Object.assign({
      animation: false,
      textStyle: { fontFamily: 'inherit' },
      grid: { left: 64, right: 24, top: 28, bottom: 52, containLabel: false },
      tooltip: { trigger: 'item', confine: true }
    }, extra);
  }

  function trialTooltip(fig) {
    return function (p) {
      var v = p.value;
      if (p.seriesName === 'best so far') return 'best so far: <b>' + fmt(v[1]) + '</b> (trial #' + v[2] + ')';
      return 'trial #' + v[2] + '<br>' + esc(fig.x.label) + ': ' + axisValue(fig.x, v[0]) + '<br>' + esc(fig.y.label) + ': <b>' + fmt(v[1]) + '</b>';
    };
  }

  var builders = {
    scatter: function (fig) {
      var visualMaps = [];
      var series = fig.series.map(function (s, i) {
        if (s.style === 'points') {
          if (s.colorBy === 'trial' && s.points.length > 1) {
            var numbers = s.points.map(function (p) { return p[2]; });
            visualMaps.push({ type: 'continuous', show: false, seriesIndex: i, dimension: 2,
              min: Math.min.apply(null, numbers), max: Math.max.apply(null, numbers), inRange: { color: TRIAL_SHADES } });
          }
          return { name: s.name, type: 'scatter', data: s.points, symbolSize: s.points.length > LARGE ? 4 : 7,
            large: s.points.length > LARGE, largeThreshold: LARGE,
            itemStyle: { color: POINT, opacity: s.points.length > LARGE ? 0.5 : 0.8 }, emphasis: { scale: 1.6 } };
        }
        return { name: s.name, type: 'line', step: s.style === 'step' ? 'end' : false, data: s.points, showSymbol: false,
          lineStyle: { color: BEST, width: 2 }, itemStyle: { color: BEST }, z: 3 };
      });
      var x = fig.x.type === 'category' ? axis(fig.x, { jitter: 24, jitterOverlap: false }) : axis(fig.x);
      return base({
        xAxis: x, yAxis: axis(fig.y, { nameGap: 46 }), series: series, visualMap: visualMaps,
        legend: fig.series.length > 1 ? { top: 0, left: 'center', textStyle: { color: MUTED } } : undefined,
        tooltip: { trigger: 'item', confine: true, formatter: trialTooltip(fig) },
        toolbox: fig.x.type === 'category' ? undefined : { right: 8, top: -4, feature: { dataZoom: { title: { zoom: 'Zoom', back: 'Undo zoom' } }, restore: { title: 'Reset' } } }
      });
    },

    bar: function (fig) {
      var cat = axis({ label: fig.categoryLabel, type: 'category', categories: fig.categories }, fig.horizontal ? { inverse: true, nameGap: 0, name: '' } : { axisLabel: { color: MUTED, interval: 0, rotate: fig.categories.length > 6 ? 30 : 0 } });
      var val = axis({ label: fig.valueLabel, type: 'value' }, fig.horizontal ? { scale: false } : { scale: false, nameGap: 46 });
      var data = fig.values.map(function (v, i) { return { value: v, detail: fig.details ? fig.details[i] : null }; });
      var longest = Math.max.apply(null, fig.categories.map(function (c) { return c.length; }));
      return base({
        grid: fig.horizontal ? { left: Math.min(260, 16 + 7 * longest), right: 40, top: 12, bottom: 48 } : { left: 64, right: 24, top: 20, bottom: fig.categories.length > 6 ? 96 : 60 },
        xAxis: fig.horizontal ? val : cat, yAxis: fig.horizontal ? cat : val,
        series: [{ type: 'bar', data: data, barMaxWidth: 34, itemStyle: { color: POINT, borderRadius: fig.horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0] },
          label: { show: fig.categories.length <= 30, position: fig.horizontal ? 'right' : 'top', color: MUTED, formatter: function (p) { return fmt(p.value); } } }],
        tooltip: { trigger: 'item', confine: true, formatter: function (p) {
          return esc(p.name) + ': <b>' + fmt(p.value) + '</b>' + (p.data.detail ? '<br>' + esc(p.data.detail) : '');
        } }
      });
    },

    contour: function (fig) {
      var cells = [], zmin = Infinity, zmax = -Infinity;
      function center(spec, edges, i) {
        if (spec.type === 'category') return i;
        return spec.type === 'log' ? Math.sqrt(edges[i] * edges[i + 1]) : (edges[i] + edges[i + 1]) / 2;
      }
      fig.z.forEach(function (row, yi) {
        row.forEach(function (z, xi) {
          cells.push([center(fig.x, fig.xEdges, xi), center(fig.y, fig.yEdges, yi), z, xi, yi]);
          if (z < zmin) zmin = z;
          if (z > zmax) zmax = z;
        });
      });
      if (!(zmax > zmin)) zmax = zmin + 1e-9;
      // Any point inside the plot, to read one coordinate while the other is held.
      var anchor = [fig.x.type === 'category' ? 0 : fig.xEdges[0], fig.y.type === 'category' ? 0 : fig.yEdges[0]];
      function span(spec, edges, i, api, dim) {
        var p = anchor.slice();
        if (spec.type === 'category') {
          // A category's cell is its whole band.
          p[dim] = i;
          var c = api.coord(p)[dim], half = api.size(dim === 0 ? [1, 0] : [0, 1])[dim] / 2;
          return [c - half, c + half];
        }
        p[dim] = edges[i];
        var a = api.coord(p)[dim];
        p[dim] = edges[i + 1];
        var b = api.coord(p)[dim];
        return [Math.min(a, b), Math.max(a, b)];
      }
      function renderItem(params, api) {
        var xs = span(fig.x, fig.xEdges, api.value(3), api, 0), ys = span(fig.y, fig.yEdges, api.value(4), api, 1);
        return { type: 'rect', shape: { x: xs[0], y: ys[0], width: xs[1] - xs[0] + 0.5, height: ys[1] - ys[0] + 0.5 },
          style: { fill: api.visual('color') } };
      }
      var numeric = function (spec, edges) {
        return spec.type === 'category' ? axis(spec, { splitLine: { show: false } }) : axis(spec, { min: edges[0], max: edges[edges.length - 1], splitLine: { show: false } });
      };
      return base({
        grid: { left: 72, right: 150, top: 16, bottom: 56 },
        xAxis: numeric(fig.x, fig.xEdges), yAxis: numeric(fig.y, fig.yEdges),
        visualMap: [{ type: 'piecewise', seriesIndex: 0, dimension: 2, min: zmin, max: zmax, splitNumber: 8, right: 4, top: 'middle',
          inRange: { color: SCORE_SHADES }, showLabel: true, textStyle: { color: MUTED, fontSize: 11 }, precision: 4, itemGap: 4 }],
        series: [
          { name: fig.zLabel, type: 'custom', renderItem: renderItem, data: cells, encode: { x: 0, y: 1 }, silent: true, z: 1, clip: true },
          { name: 'trial', type: 'scatter', data: fig.points, symbolSize: fig.points.length > LARGE ? 3 : 7, large: fig.points.length > LARGE, largeThreshold: LARGE,
            itemStyle: { color: '#ffffff', borderColor: INK, borderWidth: fig.points.length > LARGE ? 0 : 1, opacity: 0.9 }, z: 2 }
        ],
        tooltip: { trigger: 'item', confine: true, formatter: function (p) {
          var v = p.value;
          return 'trial #' + v[3] + '<br>' + esc(fig.x.label) + ': ' + axisValue(fig.x, v[0]) + '<br>' + esc(fig.y.label) + ': ' + axisValue(fig.y, v[1]) + '<br>score: <b>' + fmt(v[2]) + '</b>';
        } }
      });
    },

    parallel: function (fig) {
      var score = fig.axes.length - 1;
      var lines = fig.lines.map(function (l) {
        return l.slice(0, score + 1).map(function (v, i) { return fig.axes[i].type === 'category' ? fig.axes[i].categories[v] : v; });
      });
      var scores = fig.lines.map(function (l) { return l[score]; });
      var parallelAxis = fig.axes.map(function (a, i) {
        var p = { dim: i, name: a.label, nameLocation: 'end', nameTextStyle: { color: i === score ? INK : MUTED, fontWeight: i === score ? 'bold' : 'normal' },
          axisLabel: { color: MUTED, formatter: a.type === 'category' ? undefined : fmt }, axisLine: { lineStyle: { color: '#9aa3b5' } } };
        if (a.type === 'category') { p.type = 'category'; p.data = a.categories; }
        else { p.type = a.type === 'log' ? 'log' : 'value'; p.scale = true; }
        return p;
      });
      return base({
        parallel: { left: 56, right: 150, top: 48, bottom: 28, parallelAxisDefault: { nameGap: 14 } },
        parallelAxis: parallelAxis,
        visualMap: [{ type: 'continuous', dimension: score, min: Math.min.apply(null, scores), max: Math.max.apply(null, scores), right: 4, top: 'middle',
          inRange: { color: SCORE_SHADES }, calculable: false, text: ['best', 'worst'], textStyle: { color: MUTED }, precision: 4 }],
        series: [{ type: 'parallel', data: lines, lineStyle: { width: 1, opacity: lines.length > 300 ? 0.35 : 0.7 }, smooth: false,
          progressive: 0, large: lines.length > LARGE, largeThreshold: LARGE }],
        tooltip: { show: false }
      });
    },

    folds: function (fig) {
      var labels = fig.candidates.map(function (c) { return c.label; });
      var splits = [], train = [], ranges = [], means = [];
      fig.candidates.forEach(function (c, i) {
        var finite = c.splits.filter(function (v) { return v !== null; });
        finite.forEach(function (v, k) { splits.push([i, v, c.number, k]); });
        c.train.forEach(function (v, k) { if (v !== null) train.push([i, v, c.number, k]); });
        if (finite.length) ranges.push([i, Math.min.apply(null, finite), Math.max.apply(null, finite)]);
        means.push([i, c.mean, c.number]);
      });
      function renderRange(params, api) {
        var lo = api.coord([api.value(0), api.value(1)]), hi = api.coord([api.value(0), api.value(2)]);
        var w = Math.max(4, Math.min(14, api.size([1, 0])[0] * 0.35));
        return { type: 'rect', shape: { x: lo[0] - w / 2, y: hi[1], width: w, height: Math.max(1, lo[1] - hi[1]) }, style: { fill: '#dbe3fb' } };
      }
      var series = [
        { name: 'split range', type: 'custom', renderItem: renderRange, data: ranges, encode: { x: 0, y: [1, 2] }, z: 1, silent: true },
        { name: 'split score', type: 'scatter', data: splits, symbolSize: 6, itemStyle: { color: POINT, opacity: 0.85 }, z: 3 },
        { name: 'mean', type: 'scatter', data: means, symbol: 'rect', symbolSize: [16, 3], itemStyle: { color: BEST }, z: 4 }
      ];
      if (train.length) series.push({ name: 'train score', type: 'scatter', data: train, symbol: 'emptyCircle', symbolSize: 6, itemStyle: { color: TRAIN }, z: 2 });
      return base({
        grid: { left: 64, right: 24, top: 36, bottom: 60 },
        legend: { top: 0, right: 8, textStyle: { color: MUTED }, data: series.filter(function (s) { return s.name !== 'split range'; }).map(function (s) { return s.name; }) },
        xAxis: axis({ label: 'candidate (best first)', type: 'category', categories: labels }, { axisLabel: { color: MUTED, rotate: labels.length > 20 ? 60 : 0 } }),
        yAxis: axis({ label: fig.scoreLabel, type: 'value' }, { nameGap: 46 }),
        series: series,
        tooltip: { trigger: 'item', confine: true, formatter: function (p) {
          var v = p.value;
          if (p.seriesName === 'mean') return 'trial #' + v[2] + ' mean: <b>' + fmt(v[1]) + '</b>';
          return 'trial #' + v[2] + ', split ' + v[3] + ' (' + esc(p.seriesName) + '): <b>' + fmt(v[1]) + '</b>';
        } }
      });
    }
  };

  window.ScalearnCharts = {
    option: function (fig) {
      var build = builders[fig.kind];
      if (!build) throw new Error('unknown figure kind ' + fig.kind);
      return build(fig);
    },
    fmt: fmt,
    esc: esc
  };
})();
