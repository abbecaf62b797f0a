/**
 * A stand-in for Plaid's link-initialize.js: `window.Plaid.create({ token, onSuccess, onExit,
 * onEvent, onLoad, receivedRedirectUri })` returning `{ open, exit, submit, destroy }`, rendering a
 * small dialog (institution, credentials, MFA) that completes the session against the emulator.
 */
export function linkInitializeScript(
  emulatorOrigin: string,
  institutions: { id: string; name: string }[],
): string {
  return `(function () {
  'use strict';
  var EMULATOR = ${JSON.stringify(emulatorOrigin)};
  var INSTITUTIONS = ${JSON.stringify(institutions)};
  function meta(extra) {
    var m = { error_type: null, error_code: null, error_message: null, exit_status: null, institution_id: null,
      institution_name: null, institution_search_query: null, mfa_type: null, view_name: null, selection: null,
      request_id: '', link_session_id: '', timestamp: new Date().toISOString() };
    for (var k in extra) m[k] = extra[k];
    return m;
  }
  function create(config) {
    var root = null, destroyed = false, sessionId = '';
    var emit = function (name, extra) { if (config.onEvent) config.onEvent(name, meta(extra || {})); };
    function close() { if (root && root.parentNode) root.parentNode.removeChild(root); root = null; }
    function exitWith(error, status) {
      var inst = root ? selected() : null;
      close();
      emit('EXIT', { exit_status: status });
      if (config.onExit) config.onExit(error, { institution: inst, status: status, link_session_id: sessionId, request_id: '' });
    }
    function selected() {
      var sel = root && root.querySelector('select');
      if (!sel) return null;
      var i = INSTITUTIONS.filter(function (x) { return x.id === sel.value; })[0];
      return i ? { name: i.name, institution_id: i.id } : null;
    }
    function render(html) {
      if (!root) {
        root = document.createElement('div');
        root.setAttribute('data-plaid-emulator', '');
        root.style.cssText = 'position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:2147483647';
        document.body.appendChild(root);
      }
      root.innerHTML = '<div role="dialog" aria-modal="true" aria-label="Connect a bank" style="background:#fff;color:#111;padding:1.5rem;border-radius:12px;width:22rem;font:15px system-ui">' + html + '</div>';
    }
    function form(error, mfaPrompt) {
      var opts = INSTITUTIONS.map(function (i) { return '<option value="' + i.id + '">' + i.name + '</option>'; }).join('');
      render('<h2 style="margin-top:0">Connect a bank</h2>' + (error ? '<p role="alert" style="color:#b00">' + error + '</p>' : '') +
        '<label style="display:block;margin:.5rem 0">Institution<select style="display:block;width:100%">' + opts + '</select></label>' +
        '<label style="display:block;margin:.5rem 0">Username<input name="username" value="user_good" style="display:block;width:100%"></label>' +
        '<label style="display:block;margin:.5rem 0">Password<input name="password" type="password" value="pass_good" style="display:block;width:100%"></label>' +
        (mfaPrompt ? '<label style="display:block;margin:.5rem 0">' + mfaPrompt + '<input name="mfa_answer" style="display:block;width:100%"></label>' : '') +
        '<button type="button" data-action="submit">Continue</button> <button type="button" data-action="cancel">Cancel</button>');
      root.querySelector('[data-action=cancel]').onclick = function () { exitWith(null, 'requires_credentials'); };
      root.querySelector('[data-action=submit]').onclick = submitForm;
    }
    function value(name) { var el = root.querySelector('[name=' + name + ']'); return el ? el.value : undefined; }
    function submitForm() {
      var inst = selected();
      emit('SELECT_INSTITUTION', { institution_id: inst && inst.institution_id, institution_name: inst && inst.name });
      var body = { link_token: config.token, institution_id: inst && inst.institution_id, username: value('username'), password: value('password'), mfa_answer: value('mfa_answer') };
      fetch(EMULATOR + '/link/session/complete', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) })
        .then(function (r) { return r.json(); })
        .then(function (res) {
          if (destroyed) return;
          if (res.status === 'mfa') { emit('SUBMIT_CREDENTIALS'); form(null, res.prompt); return; }
          if (res.status === 'error') {
            sessionId = res.link_session_id || sessionId;
            emit('ERROR', { error_code: res.error.error_code, error_type: res.error.error_type, error_message: res.error.error_message });
            if (res.error.error_code === 'INVALID_LINK_TOKEN') { exitWith(res.error, null); return; }
            form(res.error.display_message || res.error.error_message); return;
          }
          sessionId = res.metadata.link_session_id;
          close();
          emit('HANDOFF', { institution_id: res.metadata.institution.institution_id, institution_name: res.metadata.institution.name });
          config.onSuccess(res.public_token, { institution: res.metadata.institution, accounts: res.metadata.accounts, link_session_id: sessionId, transfer_status: null });
        })
        .catch(function (e) { if (!destroyed) form(String(e && e.message || e)); });
    }
    if (config.onLoad) setTimeout(config.onLoad, 0);
    return {
      open: function () { if (destroyed) return; emit('OPEN', { view_name: 'CREDENTIAL' }); form(null); },
      exit: function (opts, cb) { if (root || (opts && opts.force)) exitWith(null, null); if (cb) cb(); },
      submit: function () {},
      destroy: function () { destroyed = true; close(); },
    };
  }
  window.Plaid = { version: 'finsync-emulator', create: create, createEmbedded: function (config) { return create(config); } };
})();
`;
}
