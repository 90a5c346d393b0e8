// The StyleAtlas engine status page. Plain JavaScript, no framework, nothing loaded from elsewhere.
// Every number and text comes from the host's HTTP API (docs/HOST.md): the job JSON (progress, stage,
// message), the ETA and loss of /v1/status/jobs, the loss curves, atlases and frames of /v1/jobs/{id}/….
'use strict';

const THUMBS_PER_PAGE = 12;
const CHART_REFRESH_MS = 1000;

const jobs = new Map(); // id → JobStatus {job, etaSeconds, loss}
let selected = null;
let selectedSummary = null;

const $ = (id) => document.getElementById(id);

/** Calls fn at most once per ms, the last call always happening. */
function throttle(fn, ms) {
  let timer = null;
  let due = false;
  const run = () => {
    fn();
    timer = setTimeout(() => {
      timer = null;
      if (due) {
        due = false;
        run();
      }
    }, ms);
  };
  return () => (timer ? (due = true) : run());
}

async function api(path, options) {
  const res = await fetch(path, Object.assign({ credentials: 'same-origin', cache: 'no-store' }, options));
  const type = res.headers.get('Content-Type') || '';
  const body = type.startsWith('application/json') ? await res.json() : null;
  if (!res.ok) {
    throw new Error(body && body.message ? body.message : res.status + ' ' + res.statusText);
  }
  return body;
}

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  Object.assign(e, props || {});
  children.forEach((c) => e.append(c));
  return e;
}

function formatEta(s) {
  if (s == null) return '';
  s = Math.round(s);
  if (s < 60) return s + ' s';
  const m = Math.floor(s / 60);
  if (m < 60) return m + ' min ' + String(s % 60).padStart(2, '0') + ' s';
  return Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0') + ' min';
}

function formatLoss(v) {
  return v == null ? '' : Number(v).toPrecision(4);
}

function describe(job) {
  const spec = job.spec;
  const what = spec.clip ? 'clip ' + spec.clip.substring(0, 12) : (spec.source || '').split('/').pop();
  return spec.kind === 'stylize' && spec.style && spec.style.prompt ? '“' + spec.style.prompt + '” on ' + what : what;
}

// ---- health ---------------------------------------------------------------------------------------

async function refreshHealth() {
  try {
    const h = await api('/v1/health');
    $('health').textContent = 'engine ' + h.engine + ' · ' + h.jobs.running + ' running · ' + h.jobs.queued + ' queued';
  } catch (e) {
    $('health').textContent = 'health: ' + e.message;
  }
}

const scheduleHealth = throttle(() => refreshHealth(), CHART_REFRESH_MS);
let healthAfterEvents = null;

// ---- jobs table -----------------------------------------------------------------------------------

function row(status) {
  const job = status.job;
  let tr = document.querySelector('tr.job[data-id="' + job.id + '"]');
  if (!tr) {
    tr = el('tr', { className: 'job' });
    tr.dataset.id = job.id;
    for (const c of ['id', 'kind', 'what', 'state', 'progress', 'stage', 'message', 'eta', 'loss', 'actions']) {
      tr.append(el('td', { className: c }));
    }
    tr.querySelector('.progress').append(el('div', { className: 'bar' }, el('div', { className: 'fill' })));
    tr.addEventListener('click', (ev) => { if (ev.target.tagName !== 'BUTTON') select(job.id); });
  }
  tr.className = 'job ' + job.state + (job.id === selected ? ' selected' : '');
  tr.querySelector('.id').textContent = job.id;
  tr.querySelector('.kind').textContent = job.spec.kind;
  tr.querySelector('.what').textContent = describe(job);
  const state = tr.querySelector('.state');
  state.textContent = job.state;
  state.className = 'state state-' + job.state;
  const pct = job.state === 'succeeded' ? 100 : Math.round(job.progress * 1000) / 10;
  const fill = tr.querySelector('.fill');
  fill.style.width = pct + '%';
  fill.parentElement.dataset.progress = String(job.progress);
  fill.parentElement.title = pct + ' %';
  tr.querySelector('.stage').textContent = job.stage;
  tr.querySelector('.message').textContent = job.message;
  tr.querySelector('.message').title = job.message;
  tr.querySelector('.eta').textContent = formatEta(status.etaSeconds);
  tr.querySelector('.loss').textContent = formatLoss(status.loss);
  const actions = tr.querySelector('.actions');
  const offer = job.state === 'queued' || job.state === 'running' ? 'cancel'
    : job.state === 'failed' || job.state === 'cancelled' ? 'retry' : '';
  if (actions.dataset.offer === offer) return tr; // keep the button under the pointer while progress flows
  actions.dataset.offer = offer;
  actions.replaceChildren();
  if (job.state === 'queued' || job.state === 'running') {
    const b = el('button', { className: 'cancel', type: 'button', textContent: 'Cancel' });
    b.addEventListener('click', () => act(b, () => api('/v1/jobs/' + job.id, { method: 'DELETE' })));
    actions.append(b);
  } else if (job.state === 'failed' || job.state === 'cancelled') {
    const b = el('button', { className: 'retry', type: 'button', textContent: 'Retry' });
    b.addEventListener('click', () => act(b, async () => update(await api('/v1/jobs/' + job.id + '/retry', { method: 'POST' }))));
    actions.append(b);
  }
  return tr;
}

async function act(button, call) {
  button.disabled = true;
  try {
    await call();
  } catch (e) {
    alert(e.message);
    button.disabled = false;
  }
}

function renderJobs() {
  const body = $('jobs');
  const sorted = [...jobs.values()].sort((a, b) => b.job.createdMs - a.job.createdMs);
  body.replaceChildren(...sorted.map(row));
  $('no-jobs').hidden = sorted.length > 0;
}

const TERMINAL = ['succeeded', 'failed', 'cancelled'];

/** Whether a job snapshot is older than the one shown (an API answer can arrive after a later event). */
function stale(status, shown) {
  return shown && (status.job.updatedMs < shown.job.updatedMs || (status.job.updatedMs === shown.job.updatedMs
    && TERMINAL.includes(shown.job.state) && !TERMINAL.includes(status.job.state)));
}

function update(status) {
  const before = jobs.get(status.job.id);
  if (stale(status, before)) return;
  jobs.set(status.job.id, status);
  if (!before) {
    renderJobs();
    scheduleClips();
  } else {
    row(status);
  }
  if (status.job.id === selected) {
    showJob(status, before ? before.job.state : null);
  }
}

async function loadJobs() {
  const list = await api('/v1/status/jobs');
  list.filter((s) => !stale(s, jobs.get(s.job.id))).forEach((s) => jobs.set(s.job.id, s));
  renderJobs();
}

function listen() {
  const source = new EventSource('/v1/status/events');
  source.onopen = () => { $('live').className = 'on'; loadJobs(); };
  source.onerror = () => { $('live').className = 'off'; };
  source.addEventListener('status', (ev) => {
    update(JSON.parse(ev.data));
    scheduleHealth();
    clearTimeout(healthAfterEvents);
    healthAfterEvents = setTimeout(refreshHealth, 2 * CHART_REFRESH_MS);
  });
}

// ---- one job --------------------------------------------------------------------------------------

async function select(id) {
  selected = id;
  selectedSummary = null;
  document.querySelectorAll('tr.job').forEach((tr) => tr.classList.toggle('selected', tr.dataset.id === id));
  $('detail').hidden = false;
  const status = jobs.get(id);
  showJob(status, null);
}

function showJob(status, previousState) {
  const job = status.job;
  $('detail-title').textContent = job.spec.kind + ' ' + job.id + ': ' + describe(job);
  const error = $('error');
  error.hidden = job.state !== 'failed';
  error.textContent = job.state === 'failed' ? 'This job failed: ' + job.message : '';
  scheduleChart();
  if (selectedSummary === null || previousState !== job.state) {
    loadArtifacts(job);
  }
}

async function loadArtifacts(job) {
  let summary;
  try {
    summary = await api('/v1/jobs/' + job.id + '/artifacts');
  } catch (e) {
    $('summary').textContent = e.message;
    return;
  }
  if (job.id !== selected) return;
  selectedSummary = summary;
  const parts = [];
  if (summary.decomposed) {
    parts.push(summary.frames + ' frames of ' + summary.width + '×' + summary.height + ' (working size)');
    if (summary.meanPsnr != null) parts.push('reconstruction ' + summary.meanPsnr.toFixed(2) + ' dB mean PSNR');
  } else {
    parts.push('not decomposed yet');
  }
  $('summary').textContent = parts.join(' · ');
  $('atlases').hidden = !summary.decomposed;
  if (summary.decomposed) {
    $('atlas-foreground').src = '/v1/jobs/' + job.id + '/atlases/foreground.png';
    $('atlas-background').src = '/v1/jobs/' + job.id + '/atlases/background.png';
  }
  $('before-after').hidden = !summary.stylized;
  $('no-before-after').hidden = summary.stylized;
  $('no-before-after').textContent = summary.stylized ? '' : 'Before / after appears when a stylize job has finished.';
  if (summary.stylized) {
    const frame = $('frame');
    frame.max = summary.frames - 1;
    $('frame-count').textContent = summary.frames;
    if (Number(frame.value) > summary.frames - 1) frame.value = 0;
    showFrame();
  }
}

function showFrame() {
  if (!selectedSummary || !selectedSummary.stylized) return;
  const frame = $('frame');
  const t = Math.max(0, Math.min(selectedSummary.frames - 1, Math.round(Number(frame.value) || 0)));
  frame.value = t;
  const base = '/v1/jobs/' + selected + '/frames/' + t + '/';
  for (const view of ['original', 'reconstruction', 'composite']) {
    $('view-' + view).src = base + view + '.png';
  }
  $('compare-before').src = base + 'original.png';
  $('compare-after').src = base + 'composite.png';
  compare();
}

function compare() {
  const v = Number($('compare-slider').value);
  $('compare-after').style.clipPath = 'inset(0 0 0 ' + v + '%)';
}

// ---- loss chart -----------------------------------------------------------------------------------

const scheduleChart = throttle(() => loadChart(), CHART_REFRESH_MS);

async function loadChart() {
  const id = selected;
  try {
    const curve = await api('/v1/jobs/' + id + '/losses');
    if (id === selected) drawChart(curve);
  } catch (e) {
    $('loss-source').textContent = e.message;
  }
}

function drawChart(curve) {
  const canvas = $('loss-chart');
  const g = canvas.getContext('2d');
  const w = canvas.width;
  const h = canvas.height;
  const pad = { left: 64, right: 12, top: 12, bottom: 28 };
  g.fillStyle = '#fff';
  g.fillRect(0, 0, w, h);
  canvas.dataset.points = String(curve.points.length);
  canvas.dataset.source = curve.source;
  $('loss-source').textContent = curve.points.length
    ? '(' + curve.stage + ', ' + (curve.source === 'live' ? 'live from the job’s progress' : 'from the job’s report') + ')'
    : '(no loss reported yet)';
  g.strokeStyle = '#999';
  g.lineWidth = 1;
  g.beginPath();
  g.moveTo(pad.left, pad.top);
  g.lineTo(pad.left, h - pad.bottom);
  g.lineTo(w - pad.right, h - pad.bottom);
  g.stroke();
  if (!curve.points.length) return;
  const ys = curve.points.map((p) => p.loss);
  const positive = ys.every((y) => y > 0);
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  const log = positive && hi / lo > 20;
  const f = (y) => (log ? Math.log10(y) : y);
  let flo = f(lo);
  let fhi = f(hi);
  if (fhi === flo) { fhi += 1; flo -= 1; }
  // A running job's curve fills the width up to its progress so far; a report spans the whole run.
  const xmax = curve.source === 'live' ? Math.max(...curve.points.map((p) => p.x), 1e-9) : 1;
  const X = (x) => pad.left + (x / xmax) * (w - pad.left - pad.right);
  const Y = (y) => h - pad.bottom - ((f(y) - flo) / (fhi - flo)) * (h - pad.top - pad.bottom);
  g.strokeStyle = '#1e88e5';
  g.lineWidth = 1.5;
  g.beginPath();
  curve.points.forEach((p, i) => (i ? g.lineTo(X(p.x), Y(p.loss)) : g.moveTo(X(p.x), Y(p.loss))));
  g.stroke();
  if (curve.points.length === 1) {
    g.fillStyle = '#1e88e5';
    g.fillRect(X(curve.points[0].x) - 2, Y(curve.points[0].loss) - 2, 4, 4);
  }
  g.fillStyle = '#444';
  g.font = '11px sans-serif';
  g.textAlign = 'right';
  g.fillText(formatLoss(hi), pad.left - 4, pad.top + 8);
  g.fillText(formatLoss(lo), pad.left - 4, h - pad.bottom);
  g.textAlign = 'center';
  g.fillText((curve.source === 'live' ? 'progress 0–' + Math.round(xmax * 100) + ' %' : 'iteration')
    + (log ? ' · log scale' : ''),
    (pad.left + w - pad.right) / 2, h - 8);
}

// ---- clips ----------------------------------------------------------------------------------------

async function loadClips() {
  let clips;
  try {
    clips = await api('/v1/status/clips');
  } catch (e) {
    $('no-clips').textContent = e.message;
    return;
  }
  $('no-clips').hidden = clips.length > 0;
  $('clips').replaceChildren(...clips.map(clipBox));
}

const scheduleClips = throttle(() => loadClips(), 5 * CHART_REFRESH_MS);

function clipBox(clip) {
  const box = el('div', { className: 'clip' });
  box.dataset.id = clip.id;
  const pages = Math.max(1, Math.ceil(clip.frames / THUMBS_PER_PAGE));
  let page = 0;
  const thumbs = el('div', { className: 'thumbs' });
  const label = el('span', { className: 'page' });
  const prev = el('button', { className: 'prev', type: 'button', textContent: '◀' });
  const next = el('button', { className: 'next', type: 'button', textContent: '▶' });
  const show = () => {
    const from = page * THUMBS_PER_PAGE;
    const to = Math.min(clip.frames, from + THUMBS_PER_PAGE);
    const figures = [];
    for (let t = from; t < to; t++) {
      figures.push(el('figure', {}, el('img', { src: '/v1/clips/' + clip.id + '/frames/' + t + '.png', alt: 'frame ' + t,
        loading: 'lazy' }), el('figcaption', { textContent: String(t) })));
    }
    thumbs.replaceChildren(...figures);
    label.textContent = 'frames ' + from + '–' + (to - 1) + ' · page ' + (page + 1) + ' of ' + pages;
    prev.disabled = page === 0;
    next.disabled = page === pages - 1;
  };
  prev.addEventListener('click', () => { page--; show(); });
  next.addEventListener('click', () => { page++; show(); });
  box.append(el('h3', { textContent: 'clip ' + clip.id.substring(0, 12) + ' · ' + clip.frames + ' frames of '
    + clip.width + '×' + clip.height + ' · matte: ' + clip.matteSource }), thumbs, el('div', {}, prev, ' ', label, ' ', next));
  show();
  return box;
}

// ---- start ----------------------------------------------------------------------------------------

window.addEventListener('DOMContentLoaded', async () => {
  $('frame').addEventListener('change', showFrame);
  $('frame-prev').addEventListener('click', () => { $('frame').value = Number($('frame').value) - 1; showFrame(); });
  $('frame-next').addEventListener('click', () => { $('frame').value = Number($('frame').value) + 1; showFrame(); });
  $('compare-slider').addEventListener('input', compare);
  refreshHealth();
  try {
    await loadJobs();
  } catch (e) {
    $('no-jobs').textContent = e.message;
  }
  listen();
  loadClips();
});
