// The page script: local times everywhere; on Active sessions, confirmation dialogs and a list
// that follows the account live over one event stream. Every page works without it.
(() => {
  'use strict';

  const GREY_MILLIS = 10_000;
  const RETRY_MAX_MILLIS = 30_000;
  const FOCUSABLE = 'button:not([disabled]), a[href], input:not([type="hidden"]), summary';

  localiseTimes(document);
  document.querySelectorAll('[data-utc-note]').forEach((note) => note.remove());
  const list = document.getElementById('session-list');
  if (list) enhanceSessionsPage(list);

  function localiseTimes(root) {
    for (const element of root.querySelectorAll('time[data-format]')) {
      const date = new Date(element.dateTime);
      if (Number.isNaN(date.getTime())) continue;
      element.textContent = formatTime(date, element.dataset.format);
      element.title = date.toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
    }
  }

  function formatTime(date, format) {
    const day = { day: 'numeric', month: 'short', year: 'numeric' };
    const clock = { hour: '2-digit', minute: '2-digit' };
    const isToday = date.toDateString() === new Date().toDateString();
    if (format === 'date') return date.toLocaleDateString(undefined, day);
    if (format === 'when' && isToday) return date.toLocaleTimeString(undefined, clock);
    return date.toLocaleString(undefined, { ...day, ...clock });
  }

  function enhanceSessionsPage(list) {
    const live = document.querySelector('[data-announce]');
    const state = { stream: null, leaving: false, retryMillis: 1000, ended: new Map() };
    const refresh = serialise(() => refreshList());
    const focusReturns = new WeakMap();
    let pending = null;
    let messages = [];

    for (const row of list.querySelectorAll('.session.ended')) rememberEnded(row);
    document.querySelectorAll('dialog').forEach(prepareDialog);
    document.addEventListener('submit', onSubmit);
    connect();

    function onSubmit(event) {
      const form = event.target;
      const opener = event.submitter || form.querySelector('button');
      if (form.matches('[data-sign-out-one]')) {
        event.preventDefault();
        askSignOutOne(form, opener);
      } else if (form.matches('[data-open-dialog]')) {
        event.preventDefault();
        openDialog(document.getElementById(form.dataset.openDialog), opener);
      } else if (form.matches('[data-confirm-one]')) {
        event.preventDefault();
        confirmSignOutOne(form);
      } else {
        // A real navigation: the stream must not report this tab's own sign-out.
        state.leaving = true;
        stopStream();
      }
    }

    function askSignOutOne(form, opener) {
      const row = form.closest('[data-session-id]');
      const dialog = document.getElementById('sign-out-one');
      pending = { id: row.dataset.sessionId, label: labelOf(row), path: form.action };
      dialog.querySelector('[data-device-name]').textContent = pending.label;
      dialog.querySelector('[data-dialog-error]').hidden = true;
      openDialog(dialog, opener);
    }

    async function confirmSignOutOne(form) {
      const dialog = form.closest('dialog');
      const button = form.querySelector('button[type="submit"]');
      const target = pending;
      if (!target) return;
      button.disabled = true;
      // Its row stays put while the answer travels, even if the live list refreshes first.
      state.ended.set(target.id, Infinity);
      try {
        const response = await fetch(target.path, {
          method: 'POST',
          body: new URLSearchParams(new FormData(form)),
          headers: { accept: 'application/json' },
        });
        if (response.status === 401) {
          return closeAnd(dialog, null, () => showSignedOut(null));
        }
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const result = await response.json();
        const row = findRow(target.id);
        state.ended.delete(target.id);
        if (result.ended && row) markEnded(row, result.heard);
        else announce(`${target.label} was already signed out.`);
        closeAnd(dialog, row && row.querySelector('.status'), refresh);
      } catch {
        state.ended.delete(target.id);
        const error = dialog.querySelector('[data-dialog-error]');
        error.textContent = "That didn't work. Check your connection and try again.";
        error.hidden = false;
      } finally {
        button.disabled = false;
      }
    }

    function markEnded(row, heard) {
      row.classList.add('ended');
      const status = document.createElement('p');
      status.className = 'status';
      status.tabIndex = -1;
      status.textContent = heard ? 'Signed out' : 'Signed out; it will find out when it reconnects';
      row.querySelector('.session-action').replaceChildren(status);
      row.querySelector('.not-you')?.remove();
      announce(`Signed out ${labelOf(row)}.`);
      rememberEnded(row);
    }

    function rememberEnded(row) {
      state.ended.set(row.dataset.sessionId, Date.now() + GREY_MILLIS);
      setTimeout(refresh, GREY_MILLIS + 100);
    }

    async function refreshList() {
      let response;
      try {
        response = await fetch(list.dataset.listUrl, { headers: { accept: 'text/html' } });
      } catch {
        return;
      }
      if (response.status === 401) return showSignedOut(await readJson(response));
      if (!response.ok) return;
      const fresh = document.createElement('template');
      fresh.innerHTML = await response.text();
      swapList(fresh.content);
    }

    function swapList(fresh) {
      const before = liveRows(list);
      keepEndedRows(fresh);
      localiseTimes(fresh);
      const after = liveRows(fresh);
      const focus = rememberFocus();
      list.replaceChildren(fresh);
      restoreFocus(focus);
      announceChanges(before, after);
      const count = after.size;
      const ends = document.querySelector('[data-ends]');
      if (ends) ends.textContent = count === 1 ? 'your only session' : `all ${count} sessions`;
    }

    function keepEndedRows(fresh) {
      const rows = [...list.querySelectorAll('[data-session-id]')];
      rows.forEach((row, index) => {
        const id = row.dataset.sessionId;
        const until = state.ended.get(id);
        if (until === undefined) return;
        if (until <= Date.now()) return void state.ended.delete(id);
        if (findRow(id, fresh)) return;
        const previous = rows[index - 1] && findRow(rows[index - 1].dataset.sessionId, fresh);
        const copy = row.cloneNode(true);
        if (previous) previous.after(copy);
        else fresh.querySelector('.sessions')?.append(copy);
      });
    }

    function liveRows(root) {
      const rows = root.querySelectorAll('[data-session-id]:not(.ended)');
      return new Map([...rows].map((row) => [row.dataset.sessionId, labelOf(row)]));
    }

    function announceChanges(before, after) {
      for (const [id, label] of after) if (!before.has(id)) announce(`New sign-in: ${label}.`);
      for (const [id, label] of before) {
        if (!after.has(id) && !state.ended.has(id)) announce(`${label} was signed out.`);
      }
    }

    function rememberFocus() {
      const active = document.activeElement;
      const row = active && list.contains(active) ? active.closest('[data-session-id]') : null;
      const open = [...list.querySelectorAll('details[open]')].map((details) => [
        details.closest('[data-session-id]')?.dataset.sessionId,
        details.className,
      ]);
      if (!row) return { open, id: null };
      const within = [...row.querySelectorAll(FOCUSABLE)].indexOf(active);
      return { open, id: row.dataset.sessionId, within, wasInList: true };
    }

    function restoreFocus(focus) {
      for (const [id, className] of focus.open) {
        const details = id && findRow(id)?.querySelector(`details[class="${className}"]`);
        if (details) details.open = true;
      }
      if (!focus.wasInList) return;
      const row = findRow(focus.id);
      const target = row
        ? row.querySelectorAll(FOCUSABLE)[focus.within] || row.querySelector('.status')
        : null;
      (target || document.getElementById('list-title')).focus();
    }

    function connect() {
      if (state.leaving) return;
      const stream = new EventSource('/api/v1/session/events');
      state.stream = stream;
      stream.addEventListener('open', () => {
        state.retryMillis = 1000;
        list.dataset.live = 'connected';
        refresh();
      });
      stream.addEventListener('sessions.changed', () => refresh());
      // The warning lives in the list, so a fresh list shows or clears it.
      stream.addEventListener('device_limit', () => refresh());
      stream.addEventListener('session.revoked', (event) => {
        stopStream();
        showSignedOut(readData(event));
      });
      stream.addEventListener('error', () => {
        list.dataset.live = 'reconnecting';
        // While CONNECTING the browser retries by itself; CLOSED means it was refused.
        if (stream.readyState !== EventSource.CLOSED || state.leaving) return;
        state.stream = null;
        refresh();
        setTimeout(connect, state.retryMillis);
        state.retryMillis = Math.min(state.retryMillis * 2, RETRY_MAX_MILLIS);
      });
    }

    function stopStream() {
      state.stream?.close();
      state.stream = null;
    }

    async function showSignedOut(details) {
      if (state.leaving) return;
      state.leaving = true;
      stopStream();
      document.querySelectorAll('dialog[open]').forEach((dialog) => dialog.close());
      try {
        const response = await fetch('/sign-in', { headers: { accept: 'text/html' } });
        const page = new DOMParser().parseFromString(await response.text(), 'text/html');
        const main = page.querySelector('main');
        const header = page.querySelector('header.top');
        if (!main || !header) throw new Error('not the sign-in page');
        if (!main.querySelector('.alert.info') && details) addNotice(main, details);
        document.querySelector('header.top').replaceWith(document.adoptNode(header));
        document.querySelector('main').replaceWith(document.adoptNode(main));
        document.title = page.title;
        history.replaceState(null, '', '/sign-in');
        localiseTimes(main);
        const notice = main.querySelector('.alert.info');
        if (notice) notice.tabIndex = -1;
        (notice || main).focus();
      } catch {
        location.assign('/sign-in');
      }
    }

    function addNotice(main, details) {
      const notice = document.createElement('p');
      notice.className = 'alert info';
      notice.setAttribute('role', 'status');
      const at = details.at || details.revokedAt;
      const time = document.createElement('time');
      time.dateTime = at;
      time.dataset.format = 'when';
      const by = details.by ? ` on ${details.by}` : '';
      const lead =
        details.reason === 'signed_out'
          ? 'This device was signed out'
          : details.reason === 'signed_out_everywhere'
            ? `Signed out of all devices${details.by ? ` from ${details.by}` : ''}`
            : `Signed out from Active sessions${by}`;
      notice.append(at ? `${lead} at ` : lead, at ? time : '', '. Sign in again to continue.');
      main.querySelector('h1')?.after(notice);
    }

    function announce(message) {
      messages.push(message);
      if (messages.length > 1) return;
      setTimeout(() => {
        live.textContent = messages.join(' ');
        messages = [];
      }, 150);
    }

    function prepareDialog(dialog) {
      dialog.addEventListener('click', (event) => {
        if (event.target.closest('[data-close]')) dialog.close();
      });
      dialog.addEventListener('keydown', (event) => trapTab(dialog, event));
      dialog.addEventListener('close', () => {
        const { opener, after } = focusReturns.get(dialog) || {};
        focusReturns.delete(dialog);
        // A refreshed list replaces the opener; its row's new button takes the focus instead.
        const fallback = pending && findRow(pending.id)?.querySelector('.session-action button');
        const next = [after, opener, fallback].find((element) => element && element.isConnected);
        next?.focus();
      });
    }

    function openDialog(dialog, opener) {
      focusReturns.set(dialog, { opener, after: null });
      dialog.showModal();
      dialog.querySelector('[data-close]')?.focus();
    }

    function closeAnd(dialog, focusTarget, then) {
      const returns = focusReturns.get(dialog);
      if (returns) returns.after = focusTarget;
      dialog.close();
      then();
    }

    function trapTab(dialog, event) {
      if (event.key !== 'Tab') return;
      const items = [...dialog.querySelectorAll(FOCUSABLE)].filter(
        (item) => !item.closest('[hidden]'),
      );
      const first = items[0];
      const last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  function labelOf(row) {
    return row.querySelector('.session-label')?.textContent || 'This session';
  }

  function findRow(id, root = document) {
    for (const row of root.querySelectorAll('[data-session-id]')) {
      if (row.dataset.sessionId === id) return row;
    }
    return null;
  }

  function serialise(task) {
    let running = null;
    let again = false;
    return function run() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await task();
        } while (again);
        running = null;
      })();
      return running;
    };
  }

  function readData(event) {
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch {
      return null;
    }
  }
})();
