// Warns before leaving a page with text typed in a form marked data-warn-unsaved that
// was not saved (minutes, an action item). Submitting a form is no loss for that form,
// but still is for what was typed in the page's other forms. A form shown again with
// its errors (data-unsaved) holds text that is not saved yet, even before any typing.
(() => {
  const forms = Array.from(document.querySelectorAll("form[data-warn-unsaved]"));
  if (!forms.length) return;
  let submitted = null;

  const changed = (control) => {
    if (control.type === "hidden" || control.type === "submit" || control.type === "button") return false;
    if (control.tagName === "SELECT") {
      return Array.from(control.options).some((option) => option.selected !== option.defaultSelected);
    }
    if (control.type === "checkbox" || control.type === "radio") return control.checked !== control.defaultChecked;
    return "defaultValue" in control && control.value !== control.defaultValue;
  };

  // form.elements also holds the fields placed elsewhere with form="…".
  const unsaved = (form) => form.hasAttribute("data-unsaved") || Array.from(form.elements).some(changed);

  document.addEventListener("submit", (event) => { submitted = event.target; }, true);
  window.addEventListener("beforeunload", (event) => {
    if (forms.some((form) => form !== submitted && unsaved(form))) {
      event.preventDefault();
      event.returnValue = "";
    }
    submitted = null;
  });
})();
