// Partner Portal — small progressive enhancements. Loaded with `defer` on every page.
// The Content-Security-Policy forbids inline scripts and eval: everything is wired here
// with event listeners on document, so content swapped in by htmx is covered too.
//
//   - Plain forms (and submit buttons) with data-confirm="Question?" ask window.confirm first.
//   - Plain forms mark their submit buttons aria-busy and disabled while the page loads,
//     so a second click does not submit twice; a page restored from the back-forward cache
//     gets them back enabled. A form whose answer is a download (the page stays) opts out
//     with data-no-busy; forms with a target other than _self are left alone.
//   - After an htmx swap, focus moves to the first invalid field of the new content (or its
//     [autofocus] element); a request with hx-swap="none" leaves focus alone.
//   - When htmx cannot reach the server, an error flash appears in #flash.
(() => {
  'use strict';

  const NETWORK_ERROR = 'Could not reach the portal. Check your connection and try again.';
  const HTMX_VERBS = ['get', 'post', 'put', 'patch', 'delete'];

  // A form htmx submits itself: it has a verb attribute or sits in an hx-boost area.
  const isHtmxForm = (form) =>
    HTMX_VERBS.some((v) => form.hasAttribute('hx-' + v) || form.hasAttribute('data-hx-' + v)) ||
    form.closest('[hx-boost="true"], [data-hx-boost="true"]') !== null;

  const submitButtons = (form) =>
    Array.from(form.elements).filter(
      (el) => (el instanceof HTMLButtonElement || el instanceof HTMLInputElement) &&
        (el.type === 'submit' || el.type === 'image')
    );

  // Buttons this script made busy, to undo on pageshow.
  let busy = new Set();

  const markBusy = (form) => {
    const buttons = submitButtons(form).filter((b) => !b.disabled);
    for (const b of buttons) {
      b.setAttribute('aria-busy', 'true');
      busy.add(b);
    }
    // Disable only after the browser has built the form data: a disabled submitter
    // would drop its own name=value from the submission.
    window.setTimeout(() => {
      for (const b of buttons) {
        if (busy.has(b)) b.disabled = true;
      }
    }, 0);
  };

  const clearBusy = () => {
    for (const b of busy) {
      b.removeAttribute('aria-busy');
      b.disabled = false;
    }
    busy = new Set();
  };

  document.addEventListener('submit', (event) => {
    const form = event.target;
    // htmx handles its own forms (and cancels the native submit first: its listener is on
    // the form, this one on document).
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented || isHtmxForm(form)) return;

    const submitter = event.submitter;
    // A second click (or Enter) while the first submission is loading.
    if (submitButtons(form).some((b) => busy.has(b))) {
      event.preventDefault();
      return;
    }

    const question = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }

    // A form that opens a new window, or answers with a download (data-no-busy), leaves
    // this page as it is.
    const target = (submitter && submitter.getAttribute('formtarget')) || form.target;
    if ((target && target !== '_self') || form.hasAttribute('data-no-busy')) return;

    markBusy(form);
  });

  // Back-forward cache: the page comes back as it was left, buttons disabled.
  window.addEventListener('pageshow', clearBusy);

  // Focus after htmx swaps. htmx fires afterSwap once per swapped element and later focuses
  // [autofocus] itself while settling, which would take focus away from an invalid field;
  // so the choice is made on afterSwap and applied again after settling.
  const FOCUSABLE_INVALID = [
    '.field--invalid input:not([type="hidden"])',
    '.field--invalid select',
    '.field--invalid textarea',
  ].join(', ');
  let pendingFocus = null;

  const focusTarget = (root) => {
    if (!(root instanceof Element)) return null;
    const invalid = root.matches(FOCUSABLE_INVALID) ? root : root.querySelector(FOCUSABLE_INVALID);
    if (invalid) return invalid;
    return root.matches('[autofocus]') ? root : root.querySelector('[autofocus]');
  };

  const applyFocus = () => {
    const el = pendingFocus;
    if (el && el.isConnected && document.activeElement !== el) {
      el.focus();
    }
  };

  // One response may swap several elements (one afterSwap each): the first match wins.
  document.addEventListener('htmx:beforeSwap', () => {
    pendingFocus = null;
  });

  // A request made with hx-swap="none" (a background refresh whose answer only swaps
  // out-of-band pieces) puts no new content where the user is: focus stays where it is, or
  // typing would land in a field the user left.
  const swapsNothing = (event) => {
    const elt = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
    const swap = elt instanceof Element ? (elt.getAttribute('hx-swap') || elt.getAttribute('data-hx-swap') || '') : '';
    return swap.trim().startsWith('none');
  };

  document.addEventListener('htmx:afterSwap', (event) => {
    if (pendingFocus || swapsNothing(event)) return;
    const el = focusTarget(event.target);
    if (!el) return;
    pendingFocus = el;
    queueMicrotask(applyFocus);
  });

  document.addEventListener('htmx:afterSettle', () => {
    if (!pendingFocus) return;
    applyFocus();
    pendingFocus = null;
  });

  // Network failure: say so where the page shows its messages.
  document.addEventListener('htmx:sendError', () => {
    const area = document.getElementById('flash');
    if (!area) return;
    for (const old of area.querySelectorAll('[data-network-error]')) old.remove();

    const flash = document.createElement('div');
    flash.className = 'flash flash--error';
    flash.setAttribute('role', 'alert');
    flash.setAttribute('data-network-error', '');

    const icon = document.createElement('span');
    icon.className = 'flash__icon';
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = '!';

    const text = document.createElement('span');
    text.className = 'flash__text';
    text.textContent = NETWORK_ERROR;

    flash.append(icon, text);
    area.append(flash);
  });
})();
