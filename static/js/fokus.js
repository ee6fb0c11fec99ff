// When an htmx form post swaps part of the page, the button that was pressed is gone and the
// browser leaves focus on <body>: a keyboard or screen-reader user would start again at the
// top of the page. Focus goes to the first field with an error in the same form, else to its
// error message, else to the nearest element with an id around the pressed button (a line of
// the import preview), else (the form did its job and is gone) to the heading of its part.
(() => {
  "use strict";
  let sendt = null;

  document.addEventListener("htmx:beforeRequest", (hendelse) => {
    const skjema = hendelse.detail.elt;
    if (!(skjema instanceof HTMLFormElement)) return;
    const del = skjema.closest("[aria-labelledby]");
    const mal = hendelse.detail.target;
    const aktiv = document.activeElement;
    const omkring = aktiv && skjema.contains(aktiv) && aktiv.parentElement.closest("[id]");
    sendt = {
      omkring: omkring && omkring !== mal && mal.contains(omkring) ? omkring.id : null,
      navn: skjema.getAttribute("aria-label"),
      overskrift: del ? del.getAttribute("aria-labelledby").split(" ")[0] : null,
    };
  });

  const fokuser = (element) => {
    if (!element.matches("input, select, textarea, button, a[href]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  };

  document.addEventListener("htmx:afterSettle", () => {
    if (!sendt) return;
    const { navn, omkring, overskrift } = sendt;
    sendt = null;
    const aktiv = document.activeElement;
    if (aktiv && aktiv !== document.body) return;
    const skjema = navn
      ? [...document.querySelectorAll("form[aria-label]")].find(
          (f) => f.getAttribute("aria-label") === navn,
        )
      : null;
    const feil = skjema && (skjema.querySelector("[aria-invalid='true']")
      || skjema.querySelector("[role='alert']"));
    const mal = feil
      || (omkring && document.getElementById(omkring))
      || (overskrift && document.getElementById(overskrift));
    if (mal) fokuser(mal);
  });
})();
