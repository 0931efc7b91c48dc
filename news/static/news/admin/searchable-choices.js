// Search boxes over long checkbox lists (news.widgets.SearchableCheckboxSelectMultiple):
// typing hides the choices whose label does not contain the text; ticked ones stay shown.
(() => {
  "use strict";

  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  document.addEventListener("input", (event) => {
    const box = event.target;
    if (!box.matches?.("input[data-searchable-choices]")) return;
    const list = document.getElementById(box.dataset.searchableChoices);
    if (!list) return;
    const wanted = fold(box.value.trim());
    list.querySelectorAll("label").forEach((label) => {
      const checkbox = label.querySelector("input[type=checkbox]");
      const shown = !wanted || checkbox?.checked || fold(label.textContent).includes(wanted);
      (label.closest("div") ?? label).hidden = !shown;
    });
  });
})();
