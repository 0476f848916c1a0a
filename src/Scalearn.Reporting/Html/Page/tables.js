// Sortable tables (the report's and the dashboard's): click or press Enter on a header to sort by it, again to reverse.
(function () {
  'use strict';

  function order(table, column, descending) {
    var th = table.tHead.rows[0].cells[column];
    var numeric = th.getAttribute('data-type') === 'number';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var keyed = rows.map(function (row, i) {
      var cell = row.cells[column];
      var raw = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
      var key = numeric ? (raw === '' ? NaN : parseFloat(raw)) : raw;
      return { row: row, key: key, i: i };
    });
    keyed.sort(function (a, b) {
      // Missing values sort last in both directions; ties keep their order.
      var am = numeric ? isNaN(a.key) : a.key === '–', bm = numeric ? isNaN(b.key) : b.key === '–';
      if (am !== bm) return am ? 1 : -1;
      var c = am ? 0 : numeric ? a.key - b.key : String(a.key).localeCompare(String(b.key), undefined, { numeric: true });
      if (descending) c = -c;
      return c !== 0 ? c : a.i - b.i;
    });
    keyed.forEach(function (k) { body.appendChild(k.row); });
  }

  function sortable(table) {
    if (table.getAttribute('data-sortable') === 'true') return;
    table.setAttribute('data-sortable', 'true');
    var headers = table.querySelectorAll('th');
    headers.forEach(function (th, column) {
      function sort() {
        var descending = th.getAttribute('aria-sort') === 'ascending';
        headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        order(table, column, descending);
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  }

  // After new rows arrive: keep the order the reader chose.
  function resort(table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var column = headers.findIndex(function (th) { var s = th.getAttribute('aria-sort'); return s === 'ascending' || s === 'descending'; });
    if (column >= 0) order(table, column, headers[column].getAttribute('aria-sort') === 'descending');
  }

  window.ScalearnTables = { sortable: sortable, resort: resort };
})();
