// Editor buttons (Save draft, Publish, Submit for moderation…) wait for an autosave
// that is already on its way, then submit to wherever the form points.
//
// Wagtail 8 autosaves editor forms in the background. On a create form, the first
// autosave creates the page and, when its answer arrives, points the form at the edit
// view. A button pressed before that answer submitted the create form a second time:
// the story was refused because its own slug was taken or, when both requests reached
// the CMS together, the editor got a server error.
//
// So: a submission made while an autosave travels is held until the autosave succeeds
// or fails, then made again (the button's name and value kept). From the first
// submission on, autosave is switched off for the page, so none starts behind it.
(() => {
  "use strict";

  const AUTOSAVED_FORM = "form[data-controller~='w-autosave']";
  // An autosave that never answers must not keep the editor's own save back for good.
  const GIVE_UP_AFTER_MS = 30000;
  const settling = new WeakMap(); // form → {done: Promise, resolve}

  document.addEventListener("w-autosave:save", (event) => {
    const form = event.target;
    if (event.defaultPrevented || !form.matches?.(AUTOSAVED_FORM) || settling.has(form)) {
      return;
    }
    let resolve;
    const done = new Promise((settle) => {
      resolve = settle;
    });
    settling.set(form, { done, resolve });
  });

  const settled = (event) => {
    const autosave = settling.get(event.target);
    if (autosave) {
      settling.delete(event.target);
      autosave.resolve();
    }
  };
  for (const outcome of ["success", "error", "deactivated"]) {
    document.addEventListener(`w-autosave:${outcome}`, settled);
  }

  const resubmit = (form, submitter) => {
    let carried = null;
    if (submitter?.name) {
      carried = document.createElement("input");
      carried.type = "hidden";
      carried.name = submitter.name;
      carried.value = submitter.value;
      form.append(carried);
    }
    try {
      form.requestSubmit(); // builds the submission synchronously
    } finally {
      carried?.remove();
    }
  };

  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.matches(AUTOSAVED_FORM)) {
        return;
      }
      form.setAttribute("data-w-autosave-active-value", "false");
      const autosave = settling.get(form);
      if (!autosave) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      const giveUp = new Promise((resolve) => {
        setTimeout(resolve, GIVE_UP_AFTER_MS);
      });
      Promise.race([autosave.done, giveUp]).then(() => {
        settling.delete(form);
        resubmit(form, event.submitter);
      });
    },
    true,
  );
})();
