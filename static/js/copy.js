// Copy buttons for one-time secrets (progressive enhancement). A button
// <button type="button" data-copy="ID" hidden> copies the value of the field #ID. It stays
// hidden where the Clipboard API is missing (or this script does not run): the field is
// read-only and selectable, so the secret can still be copied by hand. The button's
// [data-copy-status] sibling, a live region, says whether it worked.
(() => {
  'use strict';

  const reveal = (root) => {
    if (!navigator.clipboard) return;
    for (const b of root.querySelectorAll('button[data-copy][hidden]')) b.hidden = false;
  };

  document.addEventListener('click', async (ev) => {
    const button = ev.target instanceof Element ? ev.target.closest('button[data-copy]') : null;
    if (!button) return;
    const field = document.getElementById(button.dataset.copy);
    const status = button.parentElement && button.parentElement.querySelector('[data-copy-status]');
    if (!field) return;
    try {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = 'Copied to the clipboard.';
    } catch {
      field.select();
      if (status) status.textContent = 'Could not copy: the key is selected, copy it with your keyboard.';
    }
  });

  document.addEventListener('DOMContentLoaded', () => reveal(document));
  document.addEventListener('htmx:afterSwap', (ev) => reveal(ev.target instanceof Element ? ev.target : document));
})();
