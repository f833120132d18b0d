import { PAGE_SIZE } from './html-data.js';
import { SEVERITY_LABEL } from './html-parts.js';

/**
 * The report's script, inlined in the page. The first rows, charts and filter choices are already in the
 * HTML, so the report reads and prints without it; the script adds sorting (header buttons), filtering, text
 * search and pages of PAGE_SIZE rows over the findings table. It works on the embedded data, never on the
 * cells: each row's values come from the JSON document (small reports, whose rows are all in the markup) or
 * from the compact columns (large ones, html-data.ts), and a page shows at most PAGE_SIZE rows, built from the
 * data (as text nodes) when the markup does not have them. Plain ES2017 in a string: it runs in the reader's
 * browser, not in Node. No template literals in it (it is itself one), and no network, storage or eval.
 *
 * A large report parses its data after the page has been painted (requestAnimationFrame, then a task), so the
 * header, summary and per-control views show first; the filter form appears when the data is ready.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var dataBlock = document.getElementById('shareguard-data');
  var table = document.getElementById('findings-table');
  if (!dataBlock || !table) return;
  var RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
  var LABEL = ${JSON.stringify(SEVERITY_LABEL)};
  var PAGE = ${PAGE_SIZE};
  var tbody = table.tBodies[0];
  var emptyRow = document.getElementById('findings-empty');
  var status = document.getElementById('findings-status');
  var form = document.getElementById('findings-filters');
  var pager = document.getElementById('findings-pages');
  var pageText = document.getElementById('findings-page');
  var prev = document.getElementById('findings-prev');
  var next = document.getElementById('findings-next');
  var withChange = !!table.tHead.querySelector('th[data-sort="change"]');
  var collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  var rows = [];
  var shown = [];
  var page = 0;
  var val;

  function field(id) { return document.getElementById(id); }
  function value(id) { var el = field(id); return el ? el.value : ''; }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // A small report: the JSON document, and every row already in the markup.
  var FULL = {
    controlId: function (f) { return f.controlId; },
    severity: function (f) { return f.severity; },
    title: function (f) { return f.title; },
    message: function (f) { return f.message; },
    remediation: function (f) { return f.remediation; },
    fingerprint: function (f) { return f.fingerprint; },
    resourceKind: function (f) { return f.resource.kind; },
    resourceId: function (f) { return f.resource.id; },
    resourceName: function (f) { return f.resource.displayName; },
    principalKind: function (f) { return f.principal ? f.principal.kind : ''; },
    principalId: function (f) { return f.principal ? f.principal.id : ''; },
    principalName: function (f) { return f.principal ? f.principal.displayName : ''; },
    file: function (f) { return f.location ? f.location.file : ''; },
    line: function (f) { return f.location ? f.location.line : 0; },
    column: function (f) { return f.location ? f.location.column : 0; },
    references: function (f) { return (f.references || []).join(' '); }
  };
  function fromDocument(result) {
    each(tbody.querySelectorAll('tr[data-index]'), function (el) {
      var index = Number(el.getAttribute('data-index'));
      rows.push({ el: el, order: rows.length, index: index, f: result.findings[index],
        area: el.getAttribute('data-area') || '', change: el.getAttribute('data-change') || '', hasPrincipal: !!result.findings[index].principal });
    });
    val = function (r, k) { return FULL[k](r.f); };
  }

  // A large report: columns over a table of strings (html-data.ts), and the first rows in the markup.
  function fromColumns(data) {
    var C = data.columns;
    var S = data.strings;
    var listed = {};
    each(tbody.querySelectorAll('tr[data-index]'), function (el) { listed[el.getAttribute('data-index')] = el; });
    var str = function (k, i) { var n = C[k][i]; return n < 0 ? '' : S[n]; };
    for (var i = 0; i < data.count; i++) {
      if (C.waived[i]) continue;
      rows.push({ el: listed[i] || null, order: rows.length, index: i, area: str('area', i), change: str('change', i), hasPrincipal: C.principalKind[i] >= 0 });
    }
    val = function (r, k) { return k === 'line' || k === 'column' ? C[k][r.index] : str(k, r.index); };
  }

  function textOf(r) {
    if (r.text === undefined) {
      r.text = [val(r, 'controlId'), val(r, 'title'), val(r, 'message'), val(r, 'remediation'), val(r, 'resourceKind'), val(r, 'resourceId'),
        val(r, 'resourceName'), val(r, 'principalKind'), val(r, 'principalId'), val(r, 'principalName'), val(r, 'file'), val(r, 'references')].join('\\n').toLowerCase();
    }
    return r.text;
  }

  // A row the markup does not have, as the server renders it (html-findings.ts), every value a text node.
  function node(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function objectCell(td, kind, id, name, present) {
    if (!present) { td.appendChild(node('span', 'muted', '\\u2014')); return; }
    td.appendChild(document.createTextNode(name));
    td.appendChild(node('br'));
    td.appendChild(node('span', 'muted', kind));
    td.appendChild(document.createTextNode(' '));
    td.appendChild(node('span', 'id muted', id));
  }
  function locationCode(r) {
    var file = val(r, 'file');
    if (!file) return node('span', 'muted', '\\u2014');
    var code = node('code', 'path');
    var parts = (file + ':' + val(r, 'line') + ':' + val(r, 'column')).split('/');
    parts.forEach(function (p, i) {
      code.appendChild(document.createTextNode(i < parts.length - 1 ? p + '/' : p));
      if (i < parts.length - 1) code.appendChild(node('wbr'));
    });
    return code;
  }
  function build(r) {
    var tr = node('tr');
    var severity = val(r, 'severity');
    tr.setAttribute('data-index', String(r.index));
    tr.setAttribute('data-area', r.area);
    tr.setAttribute('data-control', val(r, 'controlId'));
    if (withChange) tr.setAttribute('data-change', r.change);
    var td = node('td');
    td.appendChild(node('span', 'sev ' + severity, LABEL[severity] || severity));
    tr.appendChild(td);
    tr.appendChild(node('td', 'id', val(r, 'controlId')));
    var details = node('details', 'finding');
    details.appendChild(node('summary', '', val(r, 'title')));
    var dl = node('dl', 'detail');
    var item = function (term, content) {
      dl.appendChild(node('dt', '', term));
      var dd = node('dd');
      if (typeof content === 'string') dd.textContent = content; else dd.appendChild(content);
      dl.appendChild(dd);
    };
    item('What was found', val(r, 'message'));
    item('How to fix it', val(r, 'remediation'));
    item('Where', val(r, 'file') ? locationCode(r) : 'no position in the export (a setting missing from every file)');
    if (val(r, 'references')) item('Related controls', val(r, 'references'));
    item('Fingerprint', node('code', '', val(r, 'fingerprint')));
    details.appendChild(dl);
    td = node('td');
    td.appendChild(details);
    tr.appendChild(td);
    td = node('td');
    objectCell(td, val(r, 'resourceKind'), val(r, 'resourceId'), val(r, 'resourceName'), true);
    tr.appendChild(td);
    td = node('td');
    objectCell(td, val(r, 'principalKind'), val(r, 'principalId'), val(r, 'principalName'), r.hasPrincipal);
    tr.appendChild(td);
    if (withChange) {
      td = node('td');
      if (r.change) td.appendChild(node('span', 'change ' + r.change, r.change));
      tr.appendChild(td);
    }
    td = node('td');
    td.appendChild(locationCode(r));
    tr.appendChild(td);
    return tr;
  }

  function render() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    if (page >= pages) page = pages - 1;
    var from = page * PAGE;
    var fragment = document.createDocumentFragment();
    shown.slice(from, from + PAGE).forEach(function (r) { fragment.appendChild(r.el || (r.el = build(r))); });
    if (emptyRow) {
      emptyRow.hidden = shown.length !== 0;
      fragment.appendChild(emptyRow);
    }
    tbody.textContent = '';
    tbody.appendChild(fragment);
    if (pager) {
      pager.hidden = shown.length <= PAGE;
      if (pageText) pageText.textContent = 'Findings ' + (from + 1) + '\\u2013' + Math.min(from + PAGE, shown.length) + ' of ' + shown.length + ' (page ' + (page + 1) + ' of ' + pages + ')';
      if (prev) prev.disabled = page === 0;
      if (next) next.disabled = page >= pages - 1;
    }
  }

  function applyFilters() {
    var severity = value('filter-severity');
    var area = value('filter-area');
    var control = value('filter-control');
    var kind = value('filter-kind');
    var change = value('filter-change');
    var terms = value('filter-text').toLowerCase().split(/\\s+/).filter(Boolean);
    shown = rows.filter(function (r) {
      return (!severity || val(r, 'severity') === severity) && (!area || r.area === area) &&
        (!control || val(r, 'controlId') === control) && (!kind || val(r, 'resourceKind') === kind) &&
        (!change || r.change === change) &&
        (terms.length === 0 || terms.every(function (t) { return textOf(r).indexOf(t) !== -1; }));
    });
    page = 0;
    render();
    var total = rows.length;
    if (status) status.textContent = shown.length === total ? 'Showing all ' + total + ' findings' : 'Showing ' + shown.length + ' of ' + total + ' findings';
  }

  var KEYS = {
    severity: function (r) { return RANK[val(r, 'severity')]; },
    control: function (r) { return val(r, 'controlId'); },
    title: function (r) { return val(r, 'title'); },
    resource: function (r) { return val(r, 'resourceName') + ' ' + val(r, 'resourceId'); },
    principal: function (r) { return r.hasPrincipal ? val(r, 'principalName') + ' ' + val(r, 'principalId') : ''; },
    change: function (r) { return r.change; },
    location: function (r) { return val(r, 'file') + ':' + String(1e9 + val(r, 'line')) + ':' + String(1e9 + val(r, 'column')); }
  };

  function compare(a, b) {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return collator.compare(String(a), String(b));
  }

  function sortBy(th) {
    var key = th.getAttribute('data-sort');
    var current = th.getAttribute('aria-sort');
    var first = th.getAttribute('data-sort-first') || 'ascending';
    var direction = current === first ? (first === 'ascending' ? 'descending' : 'ascending') : first;
    each(table.tHead.querySelectorAll('th[data-sort]'), function (other) {
      if (other !== th) other.removeAttribute('aria-sort');
    });
    th.setAttribute('aria-sort', direction);
    var sign = direction === 'ascending' ? 1 : -1;
    var keyOf = KEYS[key];
    // Each key computed once, not once per comparison: 300,000 rows make some 5 million comparisons.
    rows = rows.map(function (r) { return { r: r, k: keyOf(r) }; }).sort(function (a, b) {
      return sign * compare(a.k, b.k) || a.r.order - b.r.order;
    }).map(function (x) { return x.r; });
    applyFilters();
  }

  function init() {
    var data = JSON.parse(dataBlock.textContent);
    if (data.compact === 1) fromColumns(data); else fromDocument(data);
    each(table.tHead.querySelectorAll('th[data-sort]'), function (th) {
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
      // Typing in the search box of a large report filters once the typing pauses (each pass reads every row).
      var pending;
      form.addEventListener('input', function () {
        if (rows.length <= PAGE) { applyFilters(); return; }
        clearTimeout(pending);
        pending = setTimeout(applyFilters, 150);
      });
      form.addEventListener('change', applyFilters);
      form.addEventListener('reset', function () { setTimeout(applyFilters, 0); });
    }
    if (prev) prev.addEventListener('click', function () { page -= 1; render(); });
    if (next) next.addEventListener('click', function () { page += 1; render(); });
    each(document.querySelectorAll('a[data-filter-control]'), function (a) {
      a.addEventListener('click', function () {
        if (form) form.reset();
        var select = field('filter-control');
        if (select) select.value = a.getAttribute('data-filter-control');
        applyFilters();
      });
    });
    applyFilters();
    table.setAttribute('data-ready', '1');
  }

  var closedForPrint = [];
  window.addEventListener('beforeprint', function () {
    closedForPrint = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  if (table.getAttribute('data-compact')) requestAnimationFrame(function () { setTimeout(init, 0); });
  else init();
})();
`;
