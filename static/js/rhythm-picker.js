// The working-group form's rhythm picker: show only the fields the chosen kind of rhythm uses.
// Without this script every field shows, each saying when it applies; the server ignores the rest.
(function () {
  "use strict";
  var USED = {
    weekly: ["every_weeks", "weekday"],
    monthly: ["every_months", "ordinal", "weekday"],
    yearly: ["months", "ordinal", "weekday"],
  };
  var CHOICE_FIELDS = ["every_weeks", "every_months", "ordinal", "weekday", "months"];

  function update(picker) {
    var checked = picker.querySelector('input[name="rhythm"]:checked');
    var used = USED[checked ? checked.value : ""] || CHOICE_FIELDS;
    CHOICE_FIELDS.forEach(function (name) {
      var wrapper = picker.querySelector('[data-rhythm-field="' + name + '"]');
      if (wrapper) wrapper.hidden = used.indexOf(name) === -1;
    });
  }

  document.querySelectorAll("[data-rhythm-picker]").forEach(function (picker) {
    picker.addEventListener("change", function (event) {
      if (event.target.name === "rhythm") update(picker);
    });
    update(picker);
  });
})();
