/**
 * The preview's only script, served from /assets/preview.js: live reload over server-sent
 * events. `hello` carries the server's change counter: a page rendered before a change it
 * missed (while reconnecting, or across a server restart) reloads at once.
 */
export const PREVIEW_SCRIPT = `
(function () {
  var live = document.getElementById('live');
  var rendered = document.body.getAttribute('data-generation');
  function state(on, text) { if (live) { live.setAttribute('data-state', on ? 'on' : 'off'); live.textContent = text; } }
  var source = new EventSource('/events');
  source.addEventListener('hello', function (event) {
    if (event.data !== rendered) { location.reload(); return; }
    state(true, 'live');
  });
  source.addEventListener('reload', function () { state(true, 'reloading…'); location.reload(); });
  source.onerror = function () { state(false, 'reconnecting…'); };
})();
`;
