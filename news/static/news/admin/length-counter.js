// Counters under length-limited fields (news.widgets.CountedTextInput): "86 of 100
// characters", and how far over the limit the text is, as the editor types or pastes.
(() => {
  "use strict";

  const update = (input) => {
    const counter = input.parentElement?.querySelector("[data-length-counter]");
    if (!counter) return;
    const limit = Number(input.dataset.lengthLimit);
    const length = input.value.length;
    counter.textContent =
      length > limit
        ? `${length} characters: ${length - limit} over the limit of ${limit}`
        : `${length} of ${limit} characters`;
    counter.classList.toggle("error-message", length > limit);
  };

  document.addEventListener("input", (event) => {
    if (event.target.matches?.("input[data-length-limit]")) update(event.target);
  });
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-length-limit]").forEach(update);
  });
})();
