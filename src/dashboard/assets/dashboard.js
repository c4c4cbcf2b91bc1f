// promo dashboard: the one script every page loads (served from /assets, CSP nonce).
// - One SSE stream per tab (/events). Each event is re-dispatched on `document` as
//   `promo:<name>` (detail: its JSON data) and refreshes every live region naming it:
//   <div id="…" data-live="posts daemon" data-src="/parts/..."> is fetched again and replaced.
//   An event with { changed: [{ id }, …] } whose items are all on the page refreshes only those:
//   <article id="…" data-item="posts:12" data-src="/parts/posts/12"> (a chip among thousands).
// - Times: <span data-instant="ISO" data-zone="Asia/Shanghai">…</span> gets the viewer's local
//   time beside it when the browser's zone shows a different time; an empty
//   <time datetime="ISO" data-local-time> is filled with the viewer's local time.
// - Forms: a button is disabled once its form is submitted (no double retry); data-confirm asks first.
// <html data-live="connected|offline"> says whether the stream is up (tests wait on it).
'use strict';
(function () {
  var root = document.documentElement;
  var zh = (root.lang || '').indexOf('zh') === 0;
  var viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var source;
  var listening = {};
  var pending = new Map();

  // yyyy-MM-dd HH:mm, as the server writes times (src/dashboard/zoned-time.ts).
  function format(instant, zone) {
    var options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    if (zone) options.timeZone = zone;
    var parts = {};
    new Intl.DateTimeFormat('en-CA', options).formatToParts(new Date(instant)).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + '-' + parts.month + '-' + parts.day + ' ' + parts.hour + ':' + parts.minute;
  }

  function localTimes(scope) {
    scope.querySelectorAll('[data-instant]').forEach(function (el) {
      if (el.nextElementSibling && el.nextElementSibling.classList.contains('viewer-time')) return;
      var instant = el.getAttribute('data-instant');
      var zone = el.getAttribute('data-zone');
      if (!zone || zone === viewerZone || format(instant, zone) === format(instant)) return;
      var span = document.createElement('span');
      span.className = 'viewer-time';
      span.textContent = (zh ? '（你的时间 ' : ' (your time ') + format(instant) + ' ' + viewerZone + (zh ? '）' : ')');
      el.after(span);
    });
    scope.querySelectorAll('time[data-local-time]').forEach(function (el) {
      if (!el.textContent) el.textContent = format(el.getAttribute('datetime')) + ' ' + viewerZone;
    });
  }

  function refresh(region) {
    var src = region.getAttribute('data-src');
    if (!src || pending.has(region.id)) return;
    // Coalesce a burst of events into one fetch per region.
    pending.set(region.id, setTimeout(function () {
      fetch(src, { headers: { accept: 'text/html' } }).then(function (response) {
        if (!response.ok) throw new Error(response.status + ' ' + src);
        return response.text();
      }).then(function (text) {
        pending.delete(region.id);
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var fresh = doc.body.firstElementChild;
        var current = document.getElementById(region.id);
        if (!fresh || !current) return;
        current.replaceWith(fresh);
        localTimes(fresh);
        listen(fresh);
        root.setAttribute('data-swaps', String(Number(root.getAttribute('data-swaps') || 0) + 1));
      }).catch(function () {
        pending.delete(region.id);
      });
    }, 50));
  }

  function onEvent(name, event) {
    var data = null;
    try { data = JSON.parse(event.data); } catch (e) { /* not JSON: pass nothing */ }
    document.dispatchEvent(new CustomEvent('promo:' + name, { detail: data }));
    // An event naming what changed ({ changed: [{ id }] }) whose items are all on the page
    // refreshes those items only (<… data-item="name:id" data-src>), not whole regions.
    var changed = data && Array.isArray(data.changed) ? data.changed : null;
    var items = changed ? changed.map(function (c) { return document.querySelector('[data-item="' + name + ':' + Number(c.id) + '"]'); }) : [];
    if (changed && changed.length > 0 && items.every(Boolean)) {
      items.forEach(refresh);
      return;
    }
    document.querySelectorAll('[data-live]').forEach(function (region) {
      if (region.getAttribute('data-live').split(/\s+/).indexOf(name) >= 0) refresh(region);
    });
  }

  function listen(scope) {
    var regions = scope.matches && scope.matches('[data-live]') ? [scope] : [];
    scope.querySelectorAll('[data-live]').forEach(function (r) { regions.push(r); });
    regions.forEach(function (region) {
      region.getAttribute('data-live').split(/\s+/).forEach(function (name) {
        if (!name || listening[name]) return;
        listening[name] = true;
        source.addEventListener(name, function (event) { onEvent(name, event); });
      });
    });
  }

  function connect() {
    source = new EventSource('/events');
    source.addEventListener('open', function () { root.setAttribute('data-live', 'connected'); });
    source.addEventListener('error', function () { root.setAttribute('data-live', 'offline'); });
    listen(document);
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    form.querySelectorAll('button').forEach(function (button) { button.disabled = true; });
  });

  localTimes(document);
  connect();
})();
