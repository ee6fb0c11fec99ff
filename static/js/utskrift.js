// A «Skriv ut» button ([data-skriv-ut]) opens the browser's print dialog. The button is
// hidden in the markup and shown here, so without JavaScript there is no button that does
// nothing (a CSP without inline scripts: no onclick attribute).
(() => {
  "use strict";
  for (const knapp of document.querySelectorAll("[data-skriv-ut]")) {
    knapp.hidden = false;
    knapp.addEventListener("click", () => window.print());
  }
})();
