// The live dashboard: one EventSource (/api/events) brings the list of searches, the chosen search's progress and
// report figures, and the cluster's workers, each whole on every change; this script redraws what changed. Charts
// are the report's (ScalearnCharts), tables sort like the report's (ScalearnTables). Text from the data is only ever
// set as text, never as markup. window.scalearnDashboard exposes the state and chart instances (for tests).
(function () {
  'use strict';

  var state = {
    charts: {}, figures: {}, searches: [], progress: null, report: null, workers: null,
    selected: null, connected: false, ready: false, renders: 0, drawMs: null
  };
  window.scalearnDashboard = state;

  var source = null;
  var structure = '';
  var received = 0;
  var $ = function (id) { return document.getElementById(id); };
  var fmt = ScalearnCharts.fmt;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function duration(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) return '–';
    seconds = Math.max(0, seconds);
    if (seconds < 60) return seconds.toFixed(seconds < 10 ? 1 : 0) + ' s';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + Math.floor(seconds % 60) + ' s';
    return Math.floor(seconds / 3600) + ' h ' + Math.floor(seconds % 3600 / 60) + ' min';
  }

  function clock(iso) {
    if (!iso) return '–';
    var d = new Date(iso);
    return isNaN(d) ? '–' : d.toLocaleTimeString([], { hour12: false });
  }

  function number(v) {
    if (v === null || v === undefined) return '–';
    if (typeof v !== 'number') return String(v);
    if (Number.isInteger(v)) return String(v);
    return v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(3) : String(+v.toFixed(4));
  }

  function rate(v) { return v >= 10 ? String(Math.round(v)) : String(+v.toFixed(1)); }

  function statusBadge(status) { return el('span', 'status status-' + status, status); }

  // ---- connection -------------------------------------------------------------------------------------------

  function setConnection(s, text) {
    var node = $('connection');
    node.setAttribute('data-state', s);
    node.textContent = text;
    state.connected = s === 'live';
  }

  function selectedFromHash() {
    var m = /^#search=([0-9a-f]{12})$/.exec(location.hash);
    return m ? m[1] : null;
  }

  function connect() {
    if (source) source.close();
    state.selected = selectedFromHash();
    state.progress = null;
    state.report = null;
    resetReport();
    $('search').hidden = !state.selected;
    $('empty').hidden = !!state.selected;
    $('download').hidden = !state.selected;
    if (state.selected) $('download').href = '/api/searches/' + state.selected + '/report.html';
    source = new EventSource('/api/events' + (state.selected ? '?search=' + state.selected : ''));
    source.onopen = function () { setConnection('live', 'live'); };
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        // The server refused the stream (an unknown search, or the token expired): show the list again.
        setConnection('closed', 'disconnected');
        if (state.selected) { history.replaceState(null, '', location.pathname); setTimeout(connect, 1000); }
      } else setConnection('reconnecting', 'reconnecting');
    };
    listen('searches', renderList);
    listen('search', renderProgress);
    listen('report', renderReport);
    listen('workers', renderWorkers);
  }

  function listen(name, render) {
    source.addEventListener(name, function (e) {
      var data;
      try { data = JSON.parse(e.data); } catch (err) { console.warn('bad ' + name + ' event', err); return; }
      render(data);
    });
  }

  window.addEventListener('hashchange', connect);

  // ---- the list of searches ---------------------------------------------------------------------------------

  function renderList(searches) {
    state.searches = searches;
    var list = $('search-list');
    clear(list);
    $('no-searches').hidden = searches.length > 0;
    searches.forEach(function (s) {
      var a = el('a');
      a.href = '#search=' + s.id;
      a.setAttribute('data-search', s.id);
      if (s.id === state.selected) a.setAttribute('aria-current', 'true');
      a.title = s.path;
      a.appendChild(el('div', 'name', s.name));
      var line = el('div', 'line');
      line.appendChild(statusBadge(s.status));
      line.appendChild(el('span', null, s.complete + s.failed + '/' + s.trials + ' trials'));
      if (s.best !== null && s.best !== undefined) line.appendChild(el('span', null, 'best ' + number(s.best)));
      a.appendChild(line);
      var track = el('div', 'mini-track'), fill = el('div', 'mini-fill');
      fill.style.width = (s.fitsKnown > 0 ? 100 * s.fitsDone / s.fitsKnown : 0) + '%';
      track.appendChild(fill);
      a.appendChild(track);
      var li = el('li');
      li.appendChild(a);
      list.appendChild(li);
    });
    if (!state.selected && searches.length > 0) location.hash = 'search=' + pick(searches).id;
  }

  // The search to open when none is chosen: the running one, else the one most recently active.
  function pick(searches) {
    return searches.filter(function (s) { return s.status === 'running'; })[0]
      || searches.slice().sort(function (a, b) { return String(b.updatedAt).localeCompare(String(a.updatedAt)); })[0];
  }

  // Opening without a chosen search: ask for the list once, so the live stream starts on the right search.
  function start() {
    if (selectedFromHash()) { connect(); return; }
    fetch('/api/searches', { credentials: 'same-origin' }).then(function (r) { return r.ok ? r.json() : []; }).then(function (searches) {
      if (searches.length > 0 && !selectedFromHash()) history.replaceState(null, '', '#search=' + pick(searches).id);
      connect();
    }, connect);
  }

  // ---- one search's progress --------------------------------------------------------------------------------

  function card(label, value, detail, wide) {
    var div = el('div', 'card' + (wide ? ' wide' : ''));
    div.appendChild(el('dt', null, label));
    var dd = el('dd');
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    var small = el('small', null, detail || '');
    dd.appendChild(small);
    div.appendChild(dd);
    return { node: div, value: dd, detail: small };
  }

  var ticking = {};

  function renderProgress(p) {
    state.progress = p;
    received = performance.now();
    var s = p.summary;
    $('search-title').textContent = s.name;
    var meta = [s.description, s.scorer ? 'scored by ' + s.scorer : null, p.splits ? p.splits + ' folds' : null, s.path].filter(Boolean);
    $('search-meta').textContent = meta.join(' · ');
    document.title = s.name + ' – Scalearn dashboard';
    $('progress-fill').style.width = (s.fitsKnown > 0 ? 100 * s.fitsDone / s.fitsKnown : 0) + '%';
    var cards = $('cards');
    clear(cards);
    cards.appendChild(card('Status', statusBadge(s.status), p.startedAt ? 'started ' + new Date(p.startedAt).toLocaleString([], { hour12: false }) : '').node);
    var pct = s.fitsKnown > 0 ? Math.floor(100 * s.fitsDone / s.fitsKnown) : 0;
    cards.appendChild(card('Progress', s.fitsDone + ' / ' + s.fitsKnown + ' folds', pct + '% of the ' + s.trials + ' trials proposed').node);
    ticking.elapsed = card('Elapsed', duration(p.elapsedSeconds), s.status === 'running' ? 'and counting' : 'until the last activity');
    cards.appendChild(ticking.elapsed.node);
    ticking.eta = card('Time left', s.status === 'running' ? (p.etaSeconds !== null ? duration(p.etaSeconds) : 'estimating') : '–',
      p.fitsPerMinute ? rate(p.fitsPerMinute) + ' folds/min over the last 2 min' : '');
    cards.appendChild(ticking.eta.node);
    if (p.bestTrial) {
      cards.appendChild(card('Best ' + (s.scorer || 'score'), number(p.bestTrial.value), 'trial #' + p.bestTrial.trial).node);
      cards.appendChild(card('Best parameters', p.bestTrial.params, null, true).node);
    }
    var parts = [s.complete + ' scored'];
    if (s.running) parts.push(s.running + ' running');
    if (s.failed) parts.push(s.failed + ' failed');
    cards.appendChild(card('Trials', String(s.trials), parts.join(', ')).node);
    var error = $('search-error');
    error.hidden = !s.error;
    error.textContent = s.error || '';

    $('inflight-count').textContent = '(' + p.inFlightCount + (p.inFlightCount > p.inFlight.length ? ', the first ' + p.inFlight.length + ' shown' : '') + ')';
    var body = $('inflight-table').tBodies[0];
    clear(body);
    p.inFlight.forEach(function (t) {
      var tr = el('tr');
      tr.setAttribute('data-trial', t.trial);
      tr.appendChild(el('td', 'num', '#' + t.trial));
      tr.appendChild(el('td', 'num', t.foldsDone + ' / ' + t.folds));
      var since = el('td', 'num', t.firstFoldStarted ? '' : 'queued');
      since.setAttribute('data-since', t.firstFoldStarted || '');
      tr.appendChild(since);
      tr.appendChild(el('td', 'params', t.params));
      body.appendChild(tr);
    });
    body = $('recent-table').tBodies[0];
    clear(body);
    p.recent.forEach(function (t) {
      var tr = el('tr');
      tr.setAttribute('data-trial', t.trial);
      tr.appendChild(el('td', 'num', '#' + t.trial));
      var stateCell = el('td');
      stateCell.appendChild(el('span', 'status status-' + (t.state === 'COMPLETE' ? 'completed' : 'failed'), t.state.toLowerCase()));
      tr.appendChild(stateCell);
      tr.appendChild(el('td', 'num', number(t.value)));
      tr.appendChild(el('td', 'num', t.seconds === null ? '–' : number(t.seconds)));
      tr.appendChild(el('td', 'num', clock(t.finishedAt)));
      var params = el('td', 'params', t.params);
      if (t.error) params.appendChild(el('div', 'error', t.error));
      tr.appendChild(params);
      body.appendChild(tr);
    });
    var shares = $('folds-by-worker');
    shares.textContent = p.workers.length ? 'Folds run: ' + p.workers.map(function (w) { return w.worker + ' ' + w.folds + ' (' + duration(w.seconds) + ')'; }).join(' · ') : '';
    tick();
  }

  // Elapsed time, time left and "running for" move with the clock between events.
  function tick() {
    var p = state.progress;
    if (!p) return;
    var since = (performance.now() - received) / 1000;
    var running = p.summary.status === 'running';
    if (ticking.elapsed && p.elapsedSeconds !== null) ticking.elapsed.value.firstChild.nodeValue = duration(p.elapsedSeconds + (running ? since : 0));
    if (ticking.eta && running && p.etaSeconds !== null) ticking.eta.value.firstChild.nodeValue = duration(p.etaSeconds - since);
    var now = Date.parse(p.asOf) + since * 1000;
    document.querySelectorAll('#inflight-table td[data-since]').forEach(function (td) {
      var start = td.getAttribute('data-since');
      if (start) td.textContent = duration((now - Date.parse(start)) / 1000);
    });
  }

  setInterval(tick, 1000);

  // ---- the report's sections, redrawn in place ----------------------------------------------------------------

  function kindClass(fig) {
    if (fig.kind === 'contour' || fig.kind === 'parallel' || fig.kind === 'folds') return fig.kind;
    if (fig.kind === 'bar' && fig.horizontal) return fig.categories.length > 12 ? 'bars-tall' : 'bars';
    return 'plot';
  }

  function resetReport() {
    Object.keys(state.charts).forEach(function (id) { state.charts[id].dispose(); });
    state.charts = {};
    state.figures = {};
    state.ready = false;
    structure = '';
    clear($('report'));
    clear($('section-nav'));
    clear($('report-notes'));
  }

  function notes(list, items, className) {
    clear(list);
    list.className = 'notes ' + className;
    (items || []).forEach(function (n) { list.appendChild(el('li', null, n)); });
  }

  function build(doc) {
    resetReport();
    var root = $('report'), nav = $('section-nav');
    // Links scroll rather than change the address: its fragment names the chosen search.
    var now = el('a', null, 'Now');
    now.addEventListener('click', function () { $('now').scrollIntoView({ behavior: 'smooth' }); });
    nav.appendChild(now);
    doc.sections.forEach(function (s) {
      var link = el('a', null, s.title);
      link.setAttribute('data-section', s.id);
      nav.appendChild(link);
      var section = el('section');
      section.id = 'section-' + s.id;
      link.addEventListener('click', function () { section.scrollIntoView({ behavior: 'smooth' }); });
      section.appendChild(el('h2', null, s.title));
      section.appendChild(el('p', 'description', s.description));
      if (s.figures.length) {
        var grid = el('div', 'figures figures-' + Math.min(s.figures.length, 3));
        s.figures.forEach(function (f) {
          var figure = el('figure');
          figure.appendChild(el('figcaption', null, f.title));
          var chart = el('div', 'chart chart-' + kindClass(f));
          chart.setAttribute('data-figure', f.id);
          chart.setAttribute('role', 'img');
          chart.setAttribute('aria-label', f.title);
          figure.appendChild(chart);
          var list = el('ul');
          list.setAttribute('data-notes', f.id);
          figure.appendChild(list);
          grid.appendChild(figure);
        });
        section.appendChild(grid);
      }
      if (s.table) {
        var wrap = el('div', 'table-wrap'), table = el('table', 'sortable');
        table.id = s.table.id;
        var head = el('thead'), row = el('tr');
        s.table.columns.forEach(function (c) {
          var th = el('th', null, c.label);
          th.setAttribute('scope', 'col');
          th.setAttribute('data-key', c.key);
          th.setAttribute('data-type', c.numeric ? 'number' : 'text');
          th.setAttribute('tabindex', '0');
          th.setAttribute('aria-sort', 'none');
          row.appendChild(th);
        });
        head.appendChild(row);
        table.appendChild(head);
        table.appendChild(el('tbody'));
        wrap.appendChild(table);
        section.appendChild(wrap);
        var tableNotes = el('ul');
        tableNotes.setAttribute('data-notes', s.table.id);
        section.appendChild(tableNotes);
        ScalearnTables.sortable(table);
      }
      root.appendChild(section);
    });
  }

  function fillTable(t) {
    var table = $(t.id);
    var body = table.tBodies[0];
    clear(body);
    t.rows.forEach(function (cells) {
      var tr = el('tr');
      cells.forEach(function (v, i) {
        var td;
        if (v === null || v === undefined) { td = el('td', 'missing', '–'); td.setAttribute('data-v', ''); }
        else if (typeof v === 'number' && t.columns[i].numeric) { td = el('td', 'num', number(v)); td.setAttribute('data-v', String(v)); }
        else td = el('td', null, v);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    ScalearnTables.resort(table);
  }

  function renderReport(doc) {
    state.report = doc;
    var key = doc.sections.map(function (s) {
      return s.id + ':' + s.figures.map(function (f) { return f.id + '/' + f.kind + '/' + kindClass(f); }).join(',') + (s.table ? ':' + s.table.id + '/' + s.table.columns.map(function (c) { return c.key; }).join(',') : '');
    }).join('|');
    if (key !== structure) {
      build(doc);
      structure = key;
    }
    notes($('report-notes'), doc.notes, 'report-notes');
    var start = performance.now();
    var figures = [];
    doc.sections.forEach(function (s) {
      s.figures.forEach(function (f) { figures.push(f); });
      if (s.table) {
        fillTable(s.table);
        notes(document.querySelector('[data-notes="' + s.table.id + '"]'), s.table.notes, 'table-notes');
      }
    });
    var pending = figures.length;
    function finished() {
      if (--pending > 0) return;
      state.drawMs = performance.now() - start;
      state.renders++;
      state.ready = true;
    }
    if (pending === 0) { pending = 1; finished(); }
    figures.forEach(function (f) {
      state.figures[f.id] = f;
      var chart = state.charts[f.id];
      if (!chart) {
        chart = echarts.init(document.querySelector('[data-figure="' + f.id + '"]'), null, { renderer: 'canvas' });
        state.charts[f.id] = chart;
      }
      chart.off('finished');
      chart.on('finished', function once() { chart.off('finished', once); finished(); });
      chart.setOption(ScalearnCharts.option(f), { notMerge: true });
      notes(document.querySelector('[data-notes="' + f.id + '"]'), f.notes, 'figure-notes');
    });
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { Object.keys(state.charts).forEach(function (k) { state.charts[k].resize(); }); }, 100);
  });

  // ---- the cluster's workers --------------------------------------------------------------------------------

  function renderWorkers(w) {
    state.workers = w;
    var badge = $('cluster-badge');
    badge.hidden = false;
    var live = w.workers.filter(function (x) { return x.live; });
    var slots = live.reduce(function (a, x) { return a + x.slots; }, 0), running = live.reduce(function (a, x) { return a + x.running; }, 0);
    badge.textContent = w.connected ? 'cluster ' + w.cluster + ': ' + live.length + ' worker' + (live.length === 1 ? '' : 's') + ', ' + running + '/' + slots + ' slots busy'
      : 'cluster ' + w.cluster + ': ' + (w.error || 'connecting');
    $('workers-section').hidden = false;
    $('workers-description').textContent = w.connected
      ? 'From the heartbeats every worker sends each second (read-only). Folds done: those of the searches listed here, from their journals.'
      : (w.error || 'Connecting to the broker') + '; retrying.';
    var body = $('workers-table').tBodies[0];
    clear(body);
    w.workers.forEach(function (x) {
      var tr = el('tr', x.live ? null : 'gone');
      tr.setAttribute('data-worker', x.name);
      tr.appendChild(el('td', null, x.name));
      tr.appendChild(el('td', null, x.instance));
      var cell = el('td');
      cell.appendChild(el('span', 'status status-' + (x.live ? 'completed' : 'interrupted'), x.live ? 'live' : 'gone'));
      tr.appendChild(cell);
      tr.appendChild(el('td', 'num', x.slots));
      tr.appendChild(el('td', 'num', x.running));
      tr.appendChild(el('td', 'num', x.busy));
      tr.appendChild(el('td', 'num', x.foldsDone));
      tr.appendChild(el('td', 'num', clock(x.lastHeartbeat) + ' (' + duration(x.secondsSinceHeartbeat) + ' ago)'));
      body.appendChild(tr);
    });
  }

  start();
})();
