// Copy buttons for the calendar links (calendars/subscription.html). Without JavaScript
// the buttons stay hidden and the read-only field can be selected and copied by hand.
(() => {
  const status = document.getElementById("copy-status");

  const announce = (text) => {
    if (!status) return;
    status.textContent = "";
    // A fresh text so screen readers announce it again on a second copy.
    window.setTimeout(() => { status.textContent = text; }, 50);
  };

  const copy = async (field) => {
    try {
      await navigator.clipboard.writeText(field.value);
      return true;
    } catch (error) {
      field.select();
      return document.execCommand && document.execCommand("copy");
    }
  };

  document.querySelectorAll("[data-copy]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const field = document.getElementById(button.dataset.copy);
      if (!field) return;
      const ok = await copy(field);
      announce(ok ? status.dataset.copied : status.dataset.failed);
    });
  });
})();
