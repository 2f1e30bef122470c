// The explain page: draw on the pad, send the drawing to /api/predict (at most one request at a
// time; a drawing made while one is on its way is sent when it returns, older ones are dropped),
// and show what every layer computed.
'use strict';
const pad = document.getElementById('pad');
const ctx = pad.getContext('2d');
let drawing = false, dirty = false, inFlight = false, lastPoint = null, current = null;

function clearPad() {
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, pad.width, pad.height);
}
clearPad();

function point(event) {
  const r = pad.getBoundingClientRect();
  return [(event.clientX - r.left) * pad.width / r.width, (event.clientY - r.top) * pad.height / r.height];
}
pad.addEventListener('pointerdown', (e) => { drawing = true; lastPoint = point(e); pad.setPointerCapture(e.pointerId); stroke(e); });
pad.addEventListener('pointermove', (e) => { if (drawing) stroke(e); });
['pointerup', 'pointercancel', 'pointerleave'].forEach((t) => pad.addEventListener(t, () => { drawing = false; lastPoint = null; }));

function stroke(e) {
  const p = point(e);
  ctx.fillStyle = ctx.strokeStyle = '#fff';
  ctx.lineWidth = 18;
  ctx.lineCap = 'round';
  ctx.beginPath();
  if (p[0] === lastPoint[0] && p[1] === lastPoint[1]) {
    ctx.arc(p[0], p[1], 9, 0, 2 * Math.PI);      // a press without a move: a dot, not nothing
    ctx.fill();
  } else {
    ctx.moveTo(lastPoint[0], lastPoint[1]);
    ctx.lineTo(p[0], p[1]);
    ctx.stroke();
  }
  lastPoint = p;
  dirty = true;
  send();
}

function drawingPixels() {
  // The drawing at 140 x 140, grayscale in 0..1: the server puts it into MNIST's form.
  const small = document.createElement('canvas');
  small.width = small.height = 140;
  small.getContext('2d').drawImage(pad, 0, 0, 140, 140);
  const data = small.getContext('2d').getImageData(0, 0, 140, 140).data;
  const pixels = new Array(140 * 140);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(data[4 * i] / 2.55) / 100;
  return {width: 140, height: 140, pixels: pixels};
}

async function send() {
  if (inFlight || !dirty) return;
  inFlight = true;
  dirty = false;
  try {
    const response = await fetch('/api/predict', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                                  body: JSON.stringify({image: drawingPixels()})});
    const answer = await response.json();
    if (response.ok) { show(answer, null); setStatus(''); } else { setStatus(answer.error); }
  } catch (err) {
    setStatus('the server did not answer: ' + err);
  } finally {
    inFlight = false;
    if (dirty) send();
  }
}

function setStatus(text) { document.getElementById('status').textContent = text || ''; }

function grayCanvas(values, height, width, scale, low, high) {
  const c = document.createElement('canvas');
  c.width = width; c.height = height;
  c.style.width = (width * scale) + 'px'; c.style.height = (height * scale) + 'px';
  const image = c.getContext('2d').createImageData(width, height);
  const span = (high - low) || 1;
  for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) {
    const v = Math.max(0, Math.min(255, Math.round(255 * (values[i][j] - low) / span)));
    const k = 4 * (i * width + j);
    image.data[k] = image.data[k + 1] = image.data[k + 2] = v; image.data[k + 3] = 255;
  }
  c.getContext('2d').putImageData(image, 0, 0);
  return c;
}

function showMnist(flat) {
  const rows = [];
  for (let i = 0; i < 28; i++) rows.push(flat.slice(28 * i, 28 * i + 28));
  const target = document.getElementById('mnist');
  const c = grayCanvas(rows, 28, 28, 1, 0, 1);
  const g = target.getContext('2d');
  g.imageSmoothingEnabled = false;
  g.drawImage(c, 0, 0, target.width, target.height);
  current = rows;
}

function highlight(window, i, j) {
  // The input window that feature-map pixel (i, j) sees, outlined on the MNIST image.
  const target = document.getElementById('mnist');
  showMnist([].concat(...current));
  const s = target.width / 28, g = target.getContext('2d');
  g.strokeStyle = '#f33';
  g.lineWidth = 2;
  g.strokeRect((window.offset[1] + j * window.stride[1]) * s, (window.offset[0] + i * window.stride[0]) * s,
               window.size[1] * s, window.size[0] * s);
}

function show(answer, label) {
  showMnist(answer.mnist);
  document.getElementById('label').textContent = label === null ? '' : 'label: ' + label;
  const order = answer.probabilities.map((p, d) => [p, d]).sort((a, b) => b[0] - a[0]);
  const list = document.getElementById('guesses');
  list.innerHTML = '';
  order.slice(0, 3).forEach(([p, d], k) => {
    const li = document.createElement('li');
    li.textContent = d + ' (' + p.toFixed(3) + ')';
    if (k === 0) li.className = 'best';
    list.appendChild(li);
  });
  document.getElementById('guess').textContent = String(order[0][1]);
  const layers = document.getElementById('layers');
  layers.innerHTML = '';
  for (const layer of answer.layers) {
    const box = document.createElement('div');
    box.className = 'layer';
    box.dataset.name = layer.name;
    const title = document.createElement('h3');
    title.textContent = layer.name + ' (' + layer.op + ') ' + layer.shape.join(' x ');
    box.appendChild(title);
    if (layer.maps) {
      const maps = document.createElement('div');
      maps.className = 'maps';
      const scale = Math.max(1, Math.floor(56 / layer.shape[1]));
      layer.maps.slice(0, 64).forEach((m) => {
        const c = grayCanvas(m, layer.shape[1], layer.shape[2], scale, layer.range[0], layer.range[1]);
        if (layer.window) c.addEventListener('mousemove', (e) => {
          const r = c.getBoundingClientRect();
          highlight(layer.window, Math.floor((e.clientY - r.top) / scale), Math.floor((e.clientX - r.left) / scale));
        });
        maps.appendChild(c);
      });
      box.appendChild(maps);
    } else {
      const bars = document.createElement('div');
      bars.className = 'bars';
      const top = Math.max(1e-6, ...layer.values.map(Math.abs));
      layer.values.slice(0, 500).forEach((v) => {
        const bar = document.createElement('div');
        bar.style.height = Math.round(60 * Math.abs(v) / top) + 'px';
        if (v < 0) bar.style.background = '#d04a4a';
        bars.appendChild(bar);
      });
      box.appendChild(bars);
    }
    layers.appendChild(box);
  }
}

async function getJson(url) {
  const response = await fetch(url);
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error);
  return answer;
}

async function showTest(index) {
  try {
    const answer = await getJson('/api/testset?index=' + index);
    show(answer, answer.label);
    setStatus('');
  } catch (err) { setStatus(String(err.message || err)); }
}

document.getElementById('clear').addEventListener('click', () => { clearPad(); dirty = false; });
document.getElementById('show-test').addEventListener('click', () => showTest(document.getElementById('test-index').value));
document.getElementById('show-wrong').addEventListener('click', async () => {
  try {
    const answer = await getJson('/api/wrong?limit=50');
    const list = document.getElementById('wrong-list');
    list.innerHTML = '';
    answer.indices.forEach((i) => {
      const b = document.createElement('button');
      b.textContent = i;
      b.addEventListener('click', () => showTest(i));
      list.appendChild(b);
    });
  } catch (err) { setStatus(String(err.message || err)); }
});

async function showFilters() {
  const answer = await getJson('/api/filters');
  const box = document.getElementById('filters');
  for (const f of answer.images) {
    const flat = [].concat(...f);
    box.appendChild(grayCanvas(f, f.length, f[0].length, f.length > 10 ? 2 : 8, Math.min(...flat), Math.max(...flat)));
  }
}

let logOffset = 0;
const points = [];
async function followLog() {
  try {
    const answer = await getJson('/api/log?offset=' + logOffset);
    if (!answer.log) return;
    logOffset = answer.offset;
    points.push(...answer.points);
    drawCurve();
  } catch (err) { setStatus(String(err.message || err)); }
  setTimeout(followLog, 2000);
}

function drawCurve() {
  const c = document.getElementById('curve'), g = c.getContext('2d');
  g.clearRect(0, 0, c.width, c.height);
  const colours = {batch: '#9ab', train: '#27c', validation: '#c72'};
  const batches = points.filter((p) => p.kind === 'batch');
  const maxBatch = Math.max(1, ...batches.map((p) => p.batch));
  const epochs = Math.max(1, ...points.map((p) => p.epoch + 1));
  for (const kind of ['batch', 'train', 'validation']) {
    g.strokeStyle = colours[kind];
    g.beginPath();
    points.filter((p) => p.kind === kind).forEach((p, k) => {
      const x = kind === 'batch' ? (p.epoch + p.batch / (maxBatch + 1)) / epochs : (p.epoch + 1) / epochs;
      const y = (1 - p.accuracy) * c.height;
      if (k === 0) g.moveTo(x * c.width, y); else g.lineTo(x * c.width, y);
    });
    g.stroke();
  }
}

showFilters().catch((err) => setStatus(String(err.message || err)));
followLog();
