/* A locked page's form (an editor's lock held by someone else, a workflow task waiting for
 * another group) cannot be saved, yet Wagtail lets the user type into it and loses the
 * typing at the next save. Here the form's fields become read-only (inert: nothing can be
 * typed, pasted or dropped into them; the tabs can still be read), and a line above them
 * says why. Wagtail marks such an editor with the body class ``content-locked``.
 */
(() => {
  function readOnly() {
    if (!document.body.classList.contains('content-locked')) return;
    const form = document.querySelector('[data-edit-form]');
    if (!form) return;
    const panels = form.querySelectorAll('.w-tabs [role="tabpanel"]');
    if (!panels.length) return;
    panels.forEach((panel) => {
      panel.inert = true;
    });
    const notice = document.createElement('p');
    notice.className = 'help-block help-warning';
    notice.setAttribute('role', 'status');
    notice.dataset.lockedFormNotice = '';
    notice.textContent =
      'This page is locked, so nothing typed here could be saved: the form is read-only ' +
      'until it is unlocked (see Status).';
    panels[0].closest('.w-tabs').before(notice);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', readOnly);
  } else {
    readOnly();
  }
})();
