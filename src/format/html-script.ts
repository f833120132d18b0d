/**
 * The report's script, inlined in the page. The rows, charts and filter choices are already in the HTML, so
 * the report reads and prints without it; the script adds sorting (header buttons), filtering and text
 * search over the findings table, using the result embedded as JSON for each row's values rather than
 * reading them back from the cells. Plain ES2017 in a string: it runs in the reader's browser, not in Node.
 * No template literals in it (it is itself one), and no network, storage or eval.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var dataBlock = document.getElementById('shareguard-data');
  var table = document.getElementById('findings-table');
  if (!dataBlock || !table) return;
  var result = JSON.parse(dataBlock.textContent);
  var RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
  var tbody = table.tBodies[0];
  var emptyRow = document.getElementById('findings-empty');
  var status = document.getElementById('findings-status');
  var form = document.getElementById('findings-filters');
  var rows = Array.prototype.slice.call(tbody.querySelectorAll('tr[data-index]')).map(function (el, order) {
    var f = result.findings[Number(el.getAttribute('data-index'))];
    var who = f.principal || { kind: '', id: '', displayName: '' };
    var loc = f.location || { file: '', line: 0, column: 0 };
    return {
      el: el,
      order: order,
      f: f,
      area: el.getAttribute('data-area') || '',
      change: el.getAttribute('data-change') || '',
      text: [f.controlId, f.title, f.message, f.remediation, f.resource.kind, f.resource.id, f.resource.displayName,
        who.kind, who.id, who.displayName, loc.file, (f.references || []).join(' ')].join('\\n').toLowerCase(),
      location: loc.file + ':' + String(1e9 + loc.line) + ':' + String(1e9 + loc.column)
    };
  });
  var total = rows.length;

  function field(id) { return document.getElementById(id); }
  function value(id) { var el = field(id); return el ? el.value : ''; }

  function applyFilters() {
    var severity = value('filter-severity');
    var area = value('filter-area');
    var control = value('filter-control');
    var kind = value('filter-kind');
    var change = value('filter-change');
    var terms = value('filter-text').toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!severity || r.f.severity === severity) && (!area || r.area === area) &&
        (!control || r.f.controlId === control) && (!kind || r.f.resource.kind === kind) &&
        (!change || r.change === change) &&
        terms.every(function (t) { return r.text.indexOf(t) !== -1; });
      r.el.hidden = !ok;
      if (ok) shown += 1;
    });
    if (emptyRow) emptyRow.hidden = shown !== 0;
    if (status) status.textContent = shown === total ? 'Showing all ' + total + ' findings' : 'Showing ' + shown + ' of ' + total + ' findings';
  }

  var KEYS = {
    severity: function (r) { return RANK[r.f.severity]; },
    control: function (r) { return r.f.controlId; },
    title: function (r) { return r.f.title; },
    resource: function (r) { return r.f.resource.displayName + ' ' + r.f.resource.id; },
    principal: function (r) { return r.f.principal ? r.f.principal.displayName + ' ' + r.f.principal.id : ''; },
    change: function (r) { return r.change; },
    location: function (r) { return r.location; }
  };

  function compare(a, b) {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
  }

  function sortBy(th) {
    var key = th.getAttribute('data-sort');
    var current = th.getAttribute('aria-sort');
    var first = th.getAttribute('data-sort-first') || 'ascending';
    var direction = current === first ? (first === 'ascending' ? 'descending' : 'ascending') : first;
    Array.prototype.forEach.call(table.tHead.querySelectorAll('th[data-sort]'), function (other) {
      if (other !== th) other.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', direction);
    var sign = direction === 'ascending' ? 1 : -1;
    var keyOf = KEYS[key];
    rows.slice().sort(function (a, b) {
      return sign * compare(keyOf(a), keyOf(b)) || a.order - b.order;
    }).forEach(function (r) { tbody.appendChild(r.el); });
    if (emptyRow) tbody.appendChild(emptyRow);
  }

  Array.prototype.forEach.call(table.tHead.querySelectorAll('th[data-sort]'), function (th) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener('click', function () { sortBy(th); });
  });

  if (form) {
    form.hidden = false;
    form.addEventListener('submit', function (e) { e.preventDefault(); applyFilters(); });
    form.addEventListener('input', applyFilters);
    form.addEventListener('change', applyFilters);
    form.addEventListener('reset', function () { setTimeout(applyFilters, 0); });
  }

  Array.prototype.forEach.call(document.querySelectorAll('a[data-filter-control]'), function (a) {
    a.addEventListener('click', function () {
      if (form) form.reset();
      var select = field('filter-control');
      if (select) select.value = a.getAttribute('data-filter-control');
      applyFilters();
    });
  });

  var closedForPrint = [];
  window.addEventListener('beforeprint', function () {
    closedForPrint = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  applyFilters();
})();
`;
