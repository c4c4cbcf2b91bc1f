// promo dashboard, Clips page: shows a re-render's progress from the `render` SSE events
// (dashboard.js re-dispatches them as `promo:render`); the product's tiles are swapped in by
// dashboard.js when its `clip-<key>` event says the render ended. A `clips` event names the
// products a render elsewhere (promo render, the watcher) changed: only their tiles are fetched
// again, so a form being typed in stays as it is. Text only (textContent).
'use strict';
(function () {
  var zh = (document.documentElement.lang || '').indexOf('zh') === 0;
  var words = zh
    ? { running: '正在重新渲染', done: '已重新渲染：新视频在下方。', failed: '重新渲染失败', waiting: '等待 worker 接手', waitingWhy: '已排队：有空闲的 promo worker 时开始（请确认有 worker 在运行）。' }
    : { running: 'Re-rendering', done: 'Re-rendered: the new video is below.', failed: 'Re-render failed', waiting: 'Waiting for a worker', waitingWhy: 'queued: it starts once a promo worker is free (check that one is running).' };

  document.addEventListener('promo:clips', function (event) {
    var changed = event.detail && event.detail.changed;
    if (!Array.isArray(changed)) return;
    changed.forEach(function (key) {
      var region = document.getElementById('t-' + key);
      if (!region || !/^[0-9a-f]+$/.test(String(key))) return;
      fetch(region.getAttribute('data-src'), { headers: { accept: 'text/html' } }).then(function (response) {
        return response.ok ? response.text() : '';
      }).then(function (text) {
        var fresh = text && new DOMParser().parseFromString(text, 'text/html').body.firstElementChild;
        var current = document.getElementById('t-' + key);
        if (fresh && current) current.replaceWith(fresh);
      }).catch(function () { /* the next change fetches again */ });
    });
  });

  document.addEventListener('promo:render', function (event) {
    var state = event.detail;
    if (!state || typeof state.id !== 'string') return;
    document.querySelectorAll('[data-render]').forEach(function (box) {
      if (box.getAttribute('data-render') !== state.id) return;
      var waiting = state.state === 'running' && state.waiting === true;
      box.className = 'render-state render-' + state.state + (waiting ? ' render-waiting' : '');
      box.textContent = '';
      if (waiting) {
        // Queued with no worker on it: said in words, not as a bar stuck at 0 %.
        var what = document.createElement('span');
        what.className = 'render-text';
        var head = document.createElement('strong');
        head.textContent = words.waiting;
        what.appendChild(head);
        what.appendChild(document.createTextNode(' ' + words.waitingWhy));
        box.appendChild(what);
        return;
      }
      if (state.state === 'running') {
        var bar = document.createElement('progress');
        bar.max = 1;
        bar.value = Number(state.fraction) || 0;
        box.appendChild(bar);
      }
      var text = document.createElement('span');
      text.className = 'render-text' + (state.state === 'failed' ? ' error' : '');
      text.textContent = state.state === 'running'
        ? ' ' + words.running + ' ' + Math.round((Number(state.fraction) || 0) * 100) + '%'
        : state.state === 'done' ? words.done : words.failed + ': ' + (state.error || '');
      box.appendChild(text);
    });
  });
})();
