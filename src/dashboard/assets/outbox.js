// promo dashboard, outbox phone page: the Copy button copies the post's text (the Clipboard API
// where the page is a secure context, else the selected textarea and execCommand, which phones on
// plain http on a LAN still allow), then says so on the button for a moment.
'use strict';
(function () {
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button[data-copy]');
    if (!button) return;
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    var label = button.textContent;
    function done() {
      button.textContent = button.getAttribute('data-copied') || label;
      button.setAttribute('data-copied-at', String(Date.now()));
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    function fallback() {
      source.focus();
      source.select();
      try { document.execCommand('copy'); } catch (e) { /* the text stays selected for a manual copy */ }
      done();
    }
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(source.value).then(done, fallback);
    else fallback();
  });
})();
