/*
 * callbridge operator console: one static page over the ops API (/ops/v1/). No framework, no outside resource.
 * Every value from the API reaches the page as text (textContent, text nodes, attributes set one by one), never as
 * HTML. Every URL is built on location.origin: a page opened as http://user:password@host/console/ could not fetch
 * a URL relative to its own, which carries the credentials.
 */
(function () {
  'use strict';

  const API = '/ops/v1';
  const OVERVIEW_REFRESH_MS = 15000;
  const BATCH_STATES = ['OPEN', 'SENDING', 'POSTED', 'PARKED', 'FAILED', 'EMPTY'];
  const VIEWS = {
    overview: { title: 'Overview', tab: 'overview', render: overviewView },
    search: { title: 'Search', tab: null, render: searchView },
    timeline: { title: 'Appointment timeline', tab: null, render: timelineView },
    rejections: { title: 'Rejected inputs', tab: 'rejections', render: rejectionsView },
    batches: { title: 'Batches', tab: 'batches', render: batchesView },
    batch: { title: 'Batch', tab: 'batches', render: batchView },
    alerts: { title: 'Alerts', tab: 'alerts', render: alertsView },
    donotcall: { title: 'Do not call', tab: 'donotcall', render: doNotCallView },
    audit: { title: 'Audit', tab: 'audit', render: auditView }
  };

  // ---------------------------------------------------------------- the API

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  function apiUrl(path, params) {
    const url = new URL(API + path, location.origin);
    if (params) {
      for (const [name, value] of Object.entries(params)) {
        if (value !== null && value !== undefined && value !== '') {
          url.searchParams.set(name, String(value));
        }
      }
    }
    return url;
  }

  async function call(method, path, params, asText) {
    const headers = { Accept: asText ? 'text/plain' : 'application/json' };
    if (method === 'POST') {
      headers['X-Callbridge-Action'] = '1';
    }
    let response;
    try {
      response = await fetch(apiUrl(path, params), { method, headers, credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      throw new ApiError(0, 'callbridge did not answer: is it running? (' + e.message + ')');
    }
    if (!response.ok) {
      let message = 'HTTP ' + response.status;
      try {
        const body = await response.json();
        if (body && typeof body.error === 'string') {
          message = body.error;
        }
      } catch (ignored) {
        // not JSON: keep the status
      }
      if (response.status === 401) {
        message = 'Sign-in required: reload the page and sign in (' + message + ')';
      }
      throw new ApiError(response.status, message);
    }
    return asText ? response.text() : response.json();
  }

  const get = (path, params) => call('GET', path, params, false);
  const getText = (path) => call('GET', path, null, true);
  const post = (path) => call('POST', path, null, false);

  // ---------------------------------------------------------------- building the page (text only)

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    setProps(node, props);
    add(node, children);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    setProps(node, attrs);
    add(node, children);
    return node;
  }

  function setProps(node, props) {
    if (!props) {
      return;
    }
    for (const [name, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (name === 'class') {
        node.setAttribute('class', value);
      } else if (name === 'text') {
        node.textContent = String(value);
      } else if (name.startsWith('on')) {
        node.addEventListener(name.slice(2), value);
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }

  function add(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) {
        continue;
      }
      node.append(child instanceof Node ? child : String(child));
    }
  }

  /** A link inside the console: the href is always one of ours, starting with '#/'. */
  function link(view, params, ...children) {
    const query = params ? new URLSearchParams(params).toString() : '';
    return el('a', { href: '#/' + view + (query ? '?' + query : '') }, ...children);
  }

  function table(columns, rows, emptyText, groups) {
    const head = el('tr', null, columns.map(c => el('th', { class: c.num ? 'num' : null, scope: 'col' }, c.label)));
    const groupRow = groups ? el('tr', { class: 'groups' }, groups.map(g => el('th', {
      colspan: g.span || 1, scope: g.label ? 'colgroup' : null, class: g.label ? 'group' : null }, g.label || ''))) : null;
    const body = el('tbody');
    if (rows.length === 0) {
      body.append(el('tr', null, el('td', { class: 'empty', colspan: columns.length }, emptyText || 'Nothing to show')));
    }
    for (const row of rows) {
      body.append(row instanceof Node ? row : el('tr', null, row));
    }
    return el('div', { class: 'table-wrap' }, el('table', null, el('thead', null, groupRow, head), body));
  }

  function td(content, cls) {
    return el('td', { class: cls || null }, content);
  }

  function num(value, cls) {
    return el('td', { class: 'num' + (cls ? ' ' + cls : '') }, fmtNum(value));
  }

  function timeCell(iso) {
    return el('td', { class: 'time' }, timeText(iso));
  }

  function timeText(iso) {
    if (!iso) {
      return el('span', { class: 'muted' }, '—');
    }
    return el('time', { datetime: iso, title: iso }, fmtTime(iso));
  }

  function orDash(value) {
    return value === null || value === undefined || value === '' ? el('span', { class: 'muted' }, '—') : String(value);
  }

  function panel(title, hint, ...children) {
    return el('section', { class: 'panel' }, el('h2', null, title, hint ? el('span', { class: 'hint' }, hint) : null), ...children);
  }

  function notice(kind, text) {
    return el('p', { class: 'notice ' + kind, role: kind === 'bad' ? 'alert' : null }, text);
  }

  function facts(pairs) {
    const list = el('dl', { class: 'facts' });
    for (const [label, value] of pairs) {
      list.append(el('dt', null, label), el('dd', null, value instanceof Node ? value : orDash(value)));
    }
    return list;
  }

  function heading(title, subtitle) {
    return [el('h1', null, title), subtitle ? el('p', { class: 'subtitle' }, subtitle) : null];
  }

  // ---------------------------------------------------------------- states and their colours

  const OK = new Set(['STARTED', 'POSTED', 'DELIVERED', 'PLANNED', 'COMPLETED', 'WITHDRAWN', 'STORED', 'UP']);
  const WAITING = new Set(['PENDING', 'BATCHED', 'SENDING', 'OPEN', 'RECEIVED', 'WITHDRAWING', 'STARTING', 'STOPPING',
    'SUSPENDING', 'QUEUED', 'SCHEDULED', 'INITIATING', 'DIALING', 'IN-PROGRESS', 'IN_PROGRESS', 'ACTIVE']);
  const FAILED = new Set(['PARKED', 'FAILED', 'REJECTED', 'NOT_WITHDRAWN', 'STOPPED', 'SUSPENDED', 'ERROR', 'DOWN']);

  function tone(state) {
    const s = String(state || '').toUpperCase();
    if (OK.has(s)) {
      return 'ok';
    }
    if (WAITING.has(s)) {
      return 'warn';
    }
    if (FAILED.has(s)) {
      return 'bad';
    }
    return '';
  }

  function badge(state, forcedTone) {
    if (state === null || state === undefined || state === '') {
      return el('span', { class: 'muted' }, '—');
    }
    const t = forcedTone === undefined ? tone(state) : forcedTone;
    return el('span', { class: 'badge' + (t ? ' ' + t : '') }, String(state));
  }

  // ---------------------------------------------------------------- formats

  const NUMBER = new Intl.NumberFormat('en-US');

  function fmtNum(value) {
    return value === null || value === undefined ? '—' : NUMBER.format(value);
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function fmtTime(iso) {
    const d = new Date(iso);
    if (isNaN(d.getTime())) {
      return String(iso);
    }
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' '
      + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function fmtSeconds(seconds) {
    const s = Math.abs(Math.round(seconds));
    if (s < 60) {
      return s + ' s';
    }
    if (s < 3600) {
      return Math.floor(s / 60) + ' min';
    }
    if (s < 86400) {
      const m = Math.floor((s % 3600) / 60);
      return Math.floor(s / 3600) + ' h' + (m ? ' ' + m + ' min' : '');
    }
    return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
  }

  /** How long before now, on this computer's clock (the flows' activity is stamped with real time). */
  function fmtAgo(iso) {
    if (!iso) {
      return null;
    }
    const seconds = (Date.now() - Date.parse(iso)) / 1000;
    if (isNaN(seconds)) {
      return null;
    }
    if (seconds < 0) {
      return 'in ' + fmtSeconds(seconds);
    }
    return seconds < 5 ? 'just now' : fmtSeconds(seconds) + ' ago';
  }

  function fmtBytes(bytes) {
    if (bytes === null || bytes === undefined) {
      return '—';
    }
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0)) + ' ' + units[unit];
  }

  function timeZoneText() {
    const offset = -new Date().getTimezoneOffset();
    const sign = offset >= 0 ? '+' : '−';
    const abs = Math.abs(offset);
    let zone = '';
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch (ignored) {
      zone = '';
    }
    return 'Times are in this computer\'s time zone (' + (zone ? zone + ', ' : '') + 'UTC' + sign + pad(Math.floor(abs / 60))
      + ':' + pad(abs % 60) + '); point at a time to see it in UTC.';
  }

  // ---------------------------------------------------------------- routing

  let current = 0;
  let refreshTimer = null;

  function route() {
    const hash = location.hash.replace(/^#\/?/, '');
    const q = hash.indexOf('?');
    const name = (q < 0 ? hash : hash.slice(0, q)) || 'overview';
    return { name, params: new URLSearchParams(q < 0 ? '' : hash.slice(q + 1)) };
  }

  async function render(quiet) {
    const token = ++current;
    clearTimeout(refreshTimer);
    const { name, params } = route();
    const view = VIEWS[name] || VIEWS.overview;
    document.title = view.title + ' · callbridge console';
    for (const tab of document.querySelectorAll('.tabs a')) {
      tab.classList.toggle('active', tab.dataset.view === view.tab);
      if (tab.dataset.view === view.tab) {
        tab.setAttribute('aria-current', 'page');
      } else {
        tab.removeAttribute('aria-current');
      }
    }
    const search = document.getElementById('search-input');
    if (name === 'search' && document.activeElement !== search) {
      search.value = params.get('q') || '';
    }
    const main = document.getElementById('view');
    if (!quiet) {
      main.replaceChildren(el('p', { class: 'loading' }, 'Loading…'));
    }
    let content;
    try {
      content = await view.render(params);
    } catch (e) {
      content = [el('h1', null, view.title), notice('bad', e.message || String(e))];
    }
    if (token !== current) {
      return; // another view was asked for meanwhile
    }
    main.replaceChildren(...[content].flat(Infinity).filter(Boolean));
    if (!VIEWS[name] && name) {
      main.prepend(notice('warn', 'No such view: ' + name + '. Showing the overview.'));
    }
    if (view === VIEWS.overview) {
      refreshTimer = setTimeout(() => {
        if (token === current && !document.hidden) {
          render(true);
        } else if (token === current) {
          refreshTimer = setTimeout(() => render(true), OVERVIEW_REFRESH_MS);
        }
      }, OVERVIEW_REFRESH_MS);
    }
  }

  function setAlertsCount(count) {
    const badgeNode = document.getElementById('alerts-count');
    if (count === null || count === undefined) {
      badgeNode.hidden = true;
      return;
    }
    badgeNode.hidden = false;
    badgeNode.textContent = String(count);
    badgeNode.classList.toggle('zero', count === 0);
    badgeNode.title = count + ' alert(s) not yet acknowledged';
  }

  // ---------------------------------------------------------------- overview

  function sparkline(values, failed) {
    const points = Array.isArray(values) && values.length > 1 ? values : [0, 0];
    const w = 132;
    const h = 28;
    const max = Math.max(1, ...points);
    const step = (w - 2) / (points.length - 1);
    const xy = points.map((v, i) => [1 + i * step, h - 2 - (v / max) * (h - 5)]);
    const line = xy.map(([x, y]) => x.toFixed(1) + ',' + y.toFixed(1)).join(' ');
    const total = points.reduce((a, b) => a + b, 0);
    const label = fmtNum(total) + ' exchange(s) in the last hour, at most ' + fmtNum(Math.max(...points))
      + ' a minute (oldest minute on the left)';
    return svg('svg', { class: 'spark', width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': label },
      svg('title', null, label),
      svg('line', { class: 'base', x1: 1, y1: h - 1.5, x2: w - 1, y2: h - 1.5 }),
      svg('polygon', { class: 'area', points: '1,' + (h - 2) + ' ' + line + ' ' + (w - 1) + ',' + (h - 2) }),
      svg('polyline', { class: 'line', points: line }),
      failed ? svg('circle', { class: 'fail', cx: w - 3, cy: 4, r: 2.5 }) : null);
  }

  function figure(label, value, detail, toneName, href) {
    const body = [el('div', { class: 'label' }, label), el('div', { class: 'value' }, value),
      detail ? el('div', { class: 'detail' }, detail) : null];
    const cls = 'figure' + (toneName ? ' ' + toneName : '');
    return href ? el('a', { class: cls, href }, body) : el('div', { class: cls }, body);
  }

  function byState(map) {
    return Object.entries(map || {}).sort((a, b) => a[0].localeCompare(b[0]));
  }

  async function overviewView() {
    const o = await get('/overview');
    const now = o.generatedAt;
    document.getElementById('instance').textContent = o.instance ? 'instance ' + o.instance : '';
    setAlertsCount(o.openAlerts);

    const parked = (o.batches && o.batches.PARKED) || 0;
    const parkedDeliveries = (o.deliveries || []).filter(d => d.state === 'PARKED').reduce((a, d) => a + d.count, 0);
    const lag = o.pollLagSeconds;
    const figures = el('div', { class: 'figures' },
      figure('Open alerts', fmtNum(o.openAlerts), o.openAlerts ? 'not yet acknowledged' : 'none to acknowledge',
        o.openAlerts ? 'bad' : 'ok', '#/alerts'),
      figure('Events waiting', fmtNum(o.eventsWaiting), 'received, not yet planned', o.eventsWaiting ? 'warn' : 'ok'),
      figure('Parked batches', fmtNum(parked), parked ? 'waiting for a retry' : 'none', parked ? 'bad' : 'ok',
        '#/batches?state=PARKED'),
      figure('Parked report deliveries', fmtNum(parkedDeliveries), parkedDeliveries ? 'a sink kept failing' : 'none',
        parkedDeliveries ? 'bad' : 'ok'),
      figure('Results poll lag', lag === null || lag === undefined ? '—' : fmtSeconds(lag),
        lag === null || lag === undefined ? 'no call has ended yet' : 'since the newest ended call', lag > 900 ? 'warn' : null),
      figure('Database', fmtBytes(o.database && o.database.sizeBytes),
        o.database && o.database.oldestRecordAt ? 'oldest record ' + fmtTime(o.database.oldestRecordAt) : 'no records yet'));

    const flows = table([
      { label: 'Flow' }, { label: 'State' }, { label: 'Exchanges', num: true }, { label: 'Failures', num: true },
      { label: 'Last hour' }, { label: 'Last activity' }, { label: 'Last error' }
    ], (o.flows || []).map(f => [
      td(el('span', { class: 'mono' }, f.id)),
      td(badge(f.state)),
      num(f.exchangesTotal),
      num(f.failedTotal, f.failedTotal ? 'error-text' : null),
      td(sparkline(f.perMinute, f.lastError)),
      el('td', { class: 'time' }, timeText(f.lastActivityAt),
        f.lastActivityAt ? el('div', { class: 'muted' }, fmtAgo(f.lastActivityAt)) : null),
      td(f.lastError ? el('span', { class: 'error-text' }, f.lastError) : el('span', { class: 'muted' }, 'none'), 'wrap')
    ]), 'No flows are running');

    const intake = table([
      { label: 'Source' }, { label: 'Today', num: true }, { label: 'Last hour', num: true },
      { label: 'Today', num: true }, { label: 'Last hour', num: true }
    ], (o.intake || []).map(i => [
      td(el('span', { class: 'mono' }, i.source)), num(i.storedToday), num(i.storedLastHour),
      el('td', { class: 'num' }, i.rejectedToday ? link('rejections', null, fmtNum(i.rejectedToday)) : fmtNum(i.rejectedToday)),
      num(i.rejectedLastHour, i.rejectedLastHour ? 'error-text' : null)
    ]), 'Nothing received today', [{ span: 1 }, { label: 'Stored', span: 2 }, { label: 'Rejected', span: 2 }]);

    const calls = table([{ label: 'State' }, { label: 'Calls', num: true }],
      byState(o.calls).map(([state, count]) => [td(badge(state)), num(count)]), 'No call planned yet');
    const batches = table([{ label: 'State' }, { label: 'Batches', num: true }],
      byState(o.batches).map(([state, count]) => [td(link('batches', { state }, badge(state))), num(count)]), 'No batch yet');
    const deliveries = table([{ label: 'Sink' }, { label: 'State' }, { label: 'Reports', num: true }],
      (o.deliveries || []).map(d => [td(el('span', { class: 'mono' }, d.sink)), td(badge(d.state)), num(d.count)]),
      'No report delivered yet');
    const leases = table([{ label: 'Lease' }, { label: 'Holder' }, { label: 'Expires' }],
      (o.leases || []).map(l => [td(el('span', { class: 'mono' }, l.name)), td(l.owner, 'wrap'), timeCell(l.expiresAt)]),
      'No lease held');

    return [
      heading('Overview', 'As of ' + fmtTime(now) + (o.instance ? ' on ' + o.instance : '') + ' · refreshes every '
        + OVERVIEW_REFRESH_MS / 1000 + ' s'),
      figures,
      panel('Flows', 'routes, their exchanges and failures since start, exchanges per minute over the last hour', flows),
      el('div', { class: 'grid stack' },
        panel('Intake per source', 'today in callbridge\'s zone', intake),
        panel('Calls by state', 'planned calls', calls)),
      el('div', { class: 'grid' },
        panel('Batches by state', null, batches),
        panel('Report deliveries', 'by sink and state', deliveries),
        panel('Leases', 'work done by one instance at a time', leases))
    ];
  }

  // ---------------------------------------------------------------- search

  function resultLink(r) {
    const label = el('span', { class: 'label' }, r.label);
    const type = el('span', { class: 'type' }, badge(r.type, ''));
    const by = el('span', { class: 'by' }, 'matched by ' + r.matchedBy);
    if (r.type === 'appointment' && r.appointmentKey) {
      return link('timeline', { appointment: r.appointmentKey }, type, label, by);
    }
    if (r.type === 'batch' && r.batchId !== null && r.batchId !== undefined) {
      return link('batch', { id: r.batchId }, type, label, by);
    }
    if (r.type === 'rejection' && r.rejectionId !== null && r.rejectionId !== undefined) {
      return link('rejections', { before: r.rejectionId + 1, highlight: r.rejectionId }, type, label, by);
    }
    return el('a', null, type, label, by);
  }

  async function searchView(params) {
    const q = (params.get('q') || '').trim();
    if (!q) {
      return [heading('Search'), notice('', 'Type an appointment id, an MRN, a control id, a file name, a call id,'
        + ' a batch name or a Calls API batch id in the box above.')];
    }
    const answer = await get('/search', { q });
    const results = answer.results || [];
    return [
      heading('Search', results.length + ' result' + (results.length === 1 ? '' : 's') + ' for “' + answer.query + '”'),
      el('section', { class: 'panel' }, results.length
        ? el('ul', { class: 'results', id: 'search-results' }, results.map(r => el('li', null, resultLink(r))))
        : el('p', { class: 'muted' }, 'Nothing matches exactly. Ids are matched whole; a file name may be given by its start.'))
    ];
  }

  // ---------------------------------------------------------------- timeline

  async function timelineView(params) {
    const key = params.get('appointment');
    if (!key) {
      return [heading('Appointment timeline'), notice('warn', 'No appointment given: search for one first.')];
    }
    let t;
    try {
      t = await get('/timeline', { appointment: key });
    } catch (e) {
      if (e.status === 404) {
        return [heading('Appointment timeline'), notice('warn', 'No appointment ' + key + ' is stored.')];
      }
      throw e;
    }
    const events = table([
      { label: 'Event' }, { label: 'Kind' }, { label: 'Received' }, { label: 'Source' }, { label: 'Source ref' },
      { label: 'Control id' }, { label: 'Start' }, { label: 'State' }, { label: 'Reason' }
    ], (t.events || []).map(e => el('tr', { 'data-event': e.id },
      num(e.id), td(badge(e.kind, '')), timeCell(e.receivedAt), td(el('span', { class: 'mono' }, e.source)),
      td(orDash(e.sourceRef), 'wrap'), td(orDash(e.controlId)), timeCell(e.startAt), td(badge(e.state)),
      td(orDash(e.stateReason), 'wrap'))), 'No events');
    const calls = (t.calls || []).map(callBox);
    return [
      heading('Appointment ' + (t.appointmentId || t.appointmentKey), 'Everything callbridge knows of it, oldest first'),
      el('section', { class: 'panel' }, facts([
        ['Appointment key', el('span', { class: 'mono' }, t.appointmentKey)],
        ['Appointment id', t.appointmentId],
        ['Calls API patient', t.patientId ? el('span', { class: 'mono' }, t.patientId) : null]
      ])),
      panel('Events', (t.events || []).length + ' received', events),
      panel('Calls', 'each planning decision and what became of it',
        calls.length ? calls : el('p', { class: 'muted' }, 'No call planned for this appointment.'))
    ];
  }

  function callBox(c) {
    const deliveries = table([
      { label: 'Sink' }, { label: 'State' }, { label: 'Attempts', num: true }, { label: 'Delivered' }, { label: 'Last error' }
    ], (c.deliveries || []).map(d => [
      td(el('span', { class: 'mono' }, d.sink)), td(badge(d.state)), num(d.attempts), timeCell(d.deliveredAt),
      td(d.lastError ? el('span', { class: 'error-text' }, d.lastError) : orDash(null), 'wrap')
    ]), c.callId ? 'No report delivered yet' : 'Reports follow once the call is placed and has ended');
    const batch = c.batchId === null || c.batchId === undefined ? null
      : link('batch', { id: c.batchId }, c.batchName || 'batch ' + c.batchId);
    return el('article', { class: 'call', 'data-call': c.id },
      el('h3', null, 'Call ' + c.id, badge(c.state), el('span', { class: 'muted' }, 'planned from event ' + c.eventId)),
      el('div', { class: 'columns' },
        el('div', null, el('h4', null, 'Decision'), facts([
          ['State', badge(c.state)], ['Reason', c.reason], ['Call at', timeText(c.callAt)], ['Due at', timeText(c.dueAt)]])),
        el('div', null, el('h4', null, 'Batch'), facts([
          ['Batch', batch], ['API batch id', c.apiBatchId ? el('span', { class: 'mono' }, c.apiBatchId) : null]])),
        el('div', null, el('h4', null, 'Calls API'), facts([
          ['Call id', c.callId ? el('span', { class: 'mono call-id' }, c.callId) : null],
          ['Status', badge(c.callStatus)]])),
        el('div', null, el('h4', null, 'Result'), facts([
          ['Status', c.result ? badge(c.result.status) : null],
          ['Ended at', c.result ? timeText(c.result.endedAt) : null]]))),
      c.callId || (c.deliveries || []).length ? [el('h4', { class: 'muted' }, 'Report deliveries'), deliveries] : null);
  }

  // ---------------------------------------------------------------- rejected inputs

  function pager(view, params, next) {
    const bar = el('div', { class: 'pager toolbar' });
    if (params.get('before')) {
      const first = {};
      for (const [k, v] of params) {
        if (k !== 'before' && k !== 'highlight') {
          first[k] = v;
        }
      }
      bar.append(link(view, first, '« Newest'));
    }
    if (next !== null && next !== undefined) {
      const older = {};
      for (const [k, v] of params) {
        if (k !== 'before' && k !== 'highlight') {
          older[k] = v;
        }
      }
      older.before = next;
      bar.append(link(view, older, 'Older »'));
    }
    return bar.childElementCount ? bar : null;
  }

  function outcomeContent(replayedAt, outcome) {
    if (!replayedAt && !outcome) {
      return el('span', { class: 'muted' }, 'not replayed');
    }
    return [el('div', { class: 'outcome' }, outcome || ''), el('div', { class: 'muted' }, 'replayed ', timeText(replayedAt))];
  }

  async function rejectionsView(params) {
    const page = await get('/rejections', { limit: 50, before: params.get('before') });
    const highlight = params.get('highlight');
    const columns = [
      { label: 'Id', num: true }, { label: 'Received' }, { label: 'Source' }, { label: 'Source ref' }, { label: 'Reason' },
      { label: 'Replayed / outcome' }, { label: '' }
    ];
    const rows = (page.items || []).map(r => rejectionRow(r, columns.length, String(r.id) === highlight));
    return [
      heading('Rejected inputs', 'Newest first. Inputs are shown only when asked for: they hold patient data.'),
      el('section', { class: 'panel' }, table(columns, rows, 'No input was rejected'), pager('rejections', params, page.next))
    ];
  }

  function rejectionRow(r, width, highlighted) {
    const outcome = el('td', { class: 'wrap replay-outcome' }, outcomeContent(r.replayedAt, r.replayOutcome));
    const row = el('tr', { class: highlighted ? 'highlight' : null, 'data-rejection': r.id });
    const show = el('button', { class: 'action show-input', type: 'button' }, 'Show input');
    const replay = el('button', {
      class: 'action primary replay', type: 'button', disabled: !r.replayable,
      title: r.replayable ? 'Put this input through intake again (what is already stored stays once)'
        : 'This input cannot be replayed'
    }, 'Replay');
    let detail = null;
    show.addEventListener('click', async () => {
      if (detail) {
        detail.remove();
        detail = null;
        show.textContent = 'Show input';
        return;
      }
      const cell = el('td', { colspan: width }, el('span', { class: 'loading' }, 'Loading the input…'));
      detail = el('tr', { class: 'detail-row' }, cell);
      row.after(detail);
      show.textContent = 'Hide input';
      try {
        const text = await getText('/rejections/' + encodeURIComponent(r.id) + '/raw');
        cell.replaceChildren(
          el('div', { class: 'raw-note' }, 'Input ' + r.id + ' as received. Segments are shown one a line.'),
          el('pre', { class: 'raw' }, text.replace(/\r\n?/g, '\n')));
      } catch (e) {
        cell.replaceChildren(el('span', { class: 'error-text' }, e.message));
      }
    });
    replay.addEventListener('click', async () => {
      replay.disabled = true;
      replay.textContent = 'Replaying…';
      try {
        const answer = await post('/rejections/' + encodeURIComponent(r.id) + '/replay');
        outcome.replaceChildren(...[outcomeContent(answer.replayedAt, answer.outcome)].flat());
        row.classList.add('highlight');
      } catch (e) {
        outcome.replaceChildren(el('span', { class: 'error-text' }, 'Not replayed: ' + e.message));
      } finally {
        replay.textContent = 'Replay';
        replay.disabled = false;
      }
    });
    row.append(
      num(r.id), timeCell(r.receivedAt), td(el('span', { class: 'mono' }, r.source)), td(orDash(r.sourceRef), 'wrap'),
      td([el('div', null, r.reason), r.category ? el('div', { class: 'muted' }, r.category) : null], 'wrap'),
      outcome, el('td', { class: 'actions' }, show, replay));
    return row;
  }

  // ---------------------------------------------------------------- batches

  function retryButton(batch, onDone) {
    const button = el('button', { class: 'action primary retry', type: 'button',
      title: 'Put it back for the next posting cycle, which first asks the Calls API for it by name' }, 'Retry now');
    button.addEventListener('click', async () => {
      button.disabled = true;
      button.textContent = 'Retrying…';
      try {
        onDone(await post('/batches/' + encodeURIComponent(batch.id) + '/retry'), null);
      } catch (e) {
        onDone(null, e);
        button.disabled = false;
        button.textContent = 'Retry now';
      }
    });
    return button;
  }

  async function batchesView(params) {
    const state = params.get('state') || '';
    const page = await get('/batches', { state, limit: 50, before: params.get('before') });
    const select = el('select', { id: 'batch-state' }, el('option', { value: '' }, 'any state'),
      BATCH_STATES.map(s => el('option', { value: s, selected: s === state }, s)));
    select.addEventListener('change', () => {
      location.hash = '#/batches' + (select.value ? '?' + new URLSearchParams({ state: select.value }) : '');
    });
    const rows = (page.items || []).map(b => {
      const stateCell = td(badge(b.state));
      const actions = el('td', { class: 'actions' });
      if (b.state === 'PARKED') {
        actions.append(retryButton(b, (answer, error) => {
          if (answer) {
            stateCell.replaceChildren(badge(answer.state));
            actions.replaceChildren(el('span', { class: 'muted outcome' }, answer.outcome));
          } else {
            actions.prepend(el('div', { class: 'error-text' }, error.message));
          }
        }));
      }
      return el('tr', { 'data-batch': b.id },
        el('td', { class: 'num' }, link('batch', { id: b.id }, String(b.id))), td(el('span', { class: 'mono' }, b.name), 'wrap'),
        stateCell, num(b.size), num(b.attempts), timeCell(b.scheduledAt), timeCell(b.createdAt), timeCell(b.sentAt),
        td(b.apiBatchId ? el('span', { class: 'mono' }, b.apiBatchId) : orDash(null)),
        td(b.lastError ? el('span', { class: 'error-text' }, b.lastError) : orDash(null), 'wrap'), actions);
    });
    return [
      heading('Batches', 'One batch is one POST to the Calls API. Newest first.'),
      el('section', { class: 'panel' },
        el('div', { class: 'toolbar' }, el('label', { for: 'batch-state' }, 'State'), select),
        table([
          { label: 'Id', num: true }, { label: 'Name' }, { label: 'State' }, { label: 'Calls', num: true },
          { label: 'Attempts', num: true }, { label: 'Scheduled' }, { label: 'Created' }, { label: 'Sent' },
          { label: 'API batch id' }, { label: 'Last error' }, { label: '' }
        ], rows, state ? 'No batch is ' + state : 'No batch yet'),
        pager('batches', params, page.next))
    ];
  }

  async function batchView(params) {
    const id = params.get('id');
    let b;
    try {
      b = await get('/batches/' + encodeURIComponent(id || ''));
    } catch (e) {
      if (e.status === 404) {
        return [heading('Batch'), notice('warn', 'No batch ' + (id || '') + ' is stored.')];
      }
      throw e;
    }
    const stateValue = el('span', null, badge(b.state));
    const actions = el('div', { class: 'toolbar' });
    if (b.state === 'PARKED') {
      actions.append(retryButton(b, (answer, error) => {
        if (answer) {
          stateValue.replaceChildren(badge(answer.state));
          actions.replaceChildren(el('span', { class: 'muted outcome' }, answer.outcome));
        } else {
          actions.append(el('span', { class: 'error-text' }, error.message));
        }
      }));
    }
    const calls = table([
      { label: 'Call', num: true }, { label: 'Appointment' }, { label: 'State' }, { label: 'Call id' }, { label: 'Call status' }
    ], (b.calls || []).map(c => [
      num(c.id), td(link('timeline', { appointment: c.appointmentKey }, c.appointmentKey)), td(badge(c.state)),
      td(c.callId ? el('span', { class: 'mono' }, c.callId) : orDash(null)), td(badge(c.callStatus))
    ]), 'No calls');
    return [
      heading('Batch ' + b.id, b.name),
      el('section', { class: 'panel' }, facts([
        ['Name', el('span', { class: 'mono' }, b.name)], ['State', stateValue], ['Agent', b.agentId],
        ['Scheduled at', timeText(b.scheduledAt)], ['Calls', fmtNum(b.size)], ['Attempts', fmtNum(b.attempts)],
        ['Last error', b.lastError ? el('span', { class: 'error-text' }, b.lastError) : null],
        ['API batch id', b.apiBatchId ? el('span', { class: 'mono' }, b.apiBatchId) : null],
        ['Created', timeText(b.createdAt)], ['Sent', timeText(b.sentAt)]
      ]), actions.childElementCount ? actions : null),
      panel('Calls', (b.calls || []).length + ' in this batch', calls)
    ];
  }

  // ---------------------------------------------------------------- alerts

  function acknowledgedText(a) {
    return [el('div', null, 'by ' + (a.acknowledgedBy || '?')), el('div', { class: 'muted' }, timeText(a.acknowledgedAt))];
  }

  async function alertsView(params) {
    const all = params.get('all') === 'true';
    const answer = await get('/alerts', { all: all ? 'true' : 'false' });
    const items = answer.items || [];
    if (!all) {
      setAlertsCount(items.length);
    }
    const toggle = el('input', { type: 'checkbox', id: 'alerts-all', checked: all });
    toggle.addEventListener('change', () => {
      location.hash = toggle.checked ? '#/alerts?all=true' : '#/alerts';
    });
    const rows = items.map(a => {
      const ack = el('td', { class: 'actions' });
      if (a.acknowledgedAt) {
        ack.append(...acknowledgedText(a));
      } else {
        const button = el('button', { class: 'action primary acknowledge', type: 'button' }, 'Acknowledge');
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            const after = await post('/alerts/' + encodeURIComponent(a.id) + '/acknowledge');
            ack.replaceChildren(...acknowledgedText(after));
            const countNode = document.getElementById('alerts-count');
            const left = Math.max(0, Number(countNode.textContent || '1') - 1);
            setAlertsCount(left);
          } catch (e) {
            button.disabled = false;
            ack.prepend(el('div', { class: 'error-text' }, e.message));
          }
        });
        ack.append(button);
      }
      return el('tr', { 'data-alert': a.id },
        td(a.clearedAt ? badge('cleared', '') : badge('active', 'bad')), td(el('span', { class: 'mono' }, a.kind)),
        td(a.subject, 'wrap'), td(a.detail, 'wrap'), timeCell(a.raisedAt), timeCell(a.lastSeenAt), timeCell(a.clearedAt), ack);
    });
    return [
      heading('Alerts', all ? 'The latest 200, acknowledged or not.' : 'Not yet acknowledged. An alert is raised once per'
        + ' condition, and cleared when the condition is gone.'),
      el('section', { class: 'panel' },
        el('div', { class: 'toolbar' }, el('label', null, toggle, ' Show all, acknowledged too')),
        table([
          { label: 'Status' }, { label: 'Kind' }, { label: 'Subject' }, { label: 'Detail' }, { label: 'Raised' },
          { label: 'Last seen' }, { label: 'Cleared' }, { label: 'Acknowledged' }
        ], rows, all ? 'No alert was ever raised' : 'Nothing to acknowledge'))
    ];
  }

  // ---------------------------------------------------------------- do not call

  async function doNotCallView() {
    const answer = await get('/do-not-call');
    const rows = (answer.items || []).map(p => {
      const cell = el('td', { class: 'actions' });
      const button = el('button', { class: 'action remove-dnc', type: 'button' }, 'Remove');
      button.addEventListener('click', async () => {
        if (!window.confirm('Take patient ' + p.patientId + ' off the do-not-call list? They can be called again.')) {
          return;
        }
        button.disabled = true;
        try {
          const after = await post('/do-not-call/' + encodeURIComponent(p.patientId) + '/remove');
          cell.replaceChildren(el('div', null, 'removed'), el('div', { class: 'muted' }, after.outcome));
        } catch (e) {
          button.disabled = false;
          cell.prepend(el('div', { class: 'error-text' }, e.message));
        }
      });
      cell.append(button);
      return el('tr', { 'data-patient': p.patientId },
        td(el('span', { class: 'mono' }, p.patientId)), timeCell(p.addedAt), td(orDash(p.callId), 'mono'),
        td(p.reason, 'wrap'), cell);
    });
    return [
      heading('Do not call', 'Patients whose call was classified opted-out: never called again until removed here'
        + ' (each removal is audited). Patients in the do-not-call file are edited in the file.'),
      el('section', { class: 'panel' }, table([
        { label: 'Patient id' }, { label: 'Added' }, { label: 'Call' }, { label: 'Reason' }, { label: 'Action' }
      ], rows, 'Nobody opted out'))
    ];
  }

  // ---------------------------------------------------------------- audit

  async function auditView(params) {
    const page = await get('/audit', { limit: 50, before: params.get('before') });
    return [
      heading('Audit', 'Every action taken in the console or through the ops API, newest first.'),
      el('section', { class: 'panel' }, table([
        { label: 'Id', num: true }, { label: 'At' }, { label: 'Who' }, { label: 'Action' }, { label: 'On' }, { label: 'Outcome' }
      ], (page.items || []).map(a => [
        num(a.id), timeCell(a.at), td(a.actor), td(badge(a.action, '')), td(el('span', { class: 'mono' }, a.object)),
        td(orDash(a.outcome), 'wrap')
      ]), 'No action taken yet'), pager('audit', params, page.next))
    ];
  }

  // ---------------------------------------------------------------- start

  function start() {
    document.getElementById('search-form').addEventListener('submit', event => {
      event.preventDefault();
      const q = document.getElementById('search-input').value.trim();
      const target = '#/search?' + new URLSearchParams({ q });
      if (location.hash === target) {
        render();
      } else {
        location.hash = target;
      }
    });
    document.getElementById('openapi-link').setAttribute('href', apiUrl('/openapi.json').href);
    document.getElementById('foot-time').textContent = timeZoneText();
    window.addEventListener('hashchange', () => render());
    get('/me').then(me => {
      document.getElementById('who').textContent = 'Signed in as ' + me.user;
    }).catch(() => {
      document.getElementById('who').textContent = '';
    });
    if (route().name !== 'overview' && route().name !== 'alerts') {
      get('/alerts', { all: 'false' }).then(a => setAlertsCount((a.items || []).length)).catch(() => setAlertsCount(null));
    }
    render();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
