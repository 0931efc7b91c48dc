/* Wagtail's "Set publishing schedule" dialog, made usable with its date pickers open.
 *
 * Wagtail's date picker (xdsoft datetimepicker) floats over the dialog: open under
 * "Go live", it covers "Save schedule", so a click meant for the button picks a day.
 * Here each picker opens in the dialog's flow, under its own field (the buttons move
 * down, nothing is covered), Escape closes the picker and not the dialog, and a press
 * that closes a picker (on "Save schedule", on the other field) lands where it was
 * aimed: the picker closes only after that click, so nothing moves under the pointer.
 *
 * The page banner's "Go to the first error" focuses the first error message; when that
 * message is a schedule field's, hidden in the closed dialog, the dialog is opened and
 * the field focused instead.
 */
(() => {
  const DIALOG = 'schedule-publishing-dialog';
  const FIELDS = `#${DIALOG} input[name="go_live_at"], #${DIALOG} input[name="expire_at"]`;
  let pressing = false;
  const closeAfterPress = new Set();

  const pickerOf = (input) => window.jQuery(input).data('xdsoft_datetimepicker');

  function settle(input) {
    const picker = pickerOf(input);
    if (!picker || input.dataset.scheduleDialogPicker) return;
    input.dataset.scheduleDialogPicker = 'inline';
    picker.addClass('schedule-dialog-picker');
    input.closest('[data-field-input]').after(picker[0]);
    window.jQuery(input).datetimepicker({
      onClose() {
        if (!pressing) return true;
        closeAfterPress.add(input);
        return false;
      },
    });
  }

  document.addEventListener(
    'focusin',
    (event) => {
      if (event.target.matches && event.target.matches(FIELDS)) settle(event.target);
    },
    true,
  );
  // Before the dialog's own Escape handler (on the document): the window sees keys first.
  window.addEventListener(
    'keydown',
    (event) => {
      const input = event.target;
      if (event.key !== 'Escape' || !input.matches || !input.matches(FIELDS)) return;
      const picker = pickerOf(input);
      if (!picker || !picker.is(':visible')) return;
      event.preventDefault();
      event.stopPropagation();
      window.jQuery(input).datetimepicker('hide');
    },
    true,
  );
  document.addEventListener('pointerdown', () => {
    pressing = true;
  }, true);
  document.addEventListener('pointerup', () => {
    // After the click this press makes: it reaches the element under the pointer first.
    setTimeout(() => {
      pressing = false;
      closeAfterPress.forEach((input) => {
        if (document.activeElement !== input) window.jQuery(input).datetimepicker('hide');
      });
      closeAfterPress.clear();
    });
  }, true);

  document.addEventListener('w-focus:focus', (event) => {
    const dialog = document.getElementById(DIALOG);
    if (!dialog || !dialog.contains(event.target)) return;
    event.preventDefault();
    const wrapper = event.target.closest('[data-field-wrapper]') || dialog;
    const field = wrapper.querySelector('input:not([type="hidden"])');
    // The dialog takes focus as it opens; the field takes it from the dialog.
    if (field) dialog.addEventListener('focusin', () => field.focus(), { once: true });
    dialog.dispatchEvent(new CustomEvent('w-dialog:show'));
  });
})();
