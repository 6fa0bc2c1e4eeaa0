// Buttons that print the page (the body sheet prints on A4, see app.css).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
