// When htmx swaps part of the page, the button or link that was pressed is gone and the
// browser leaves focus on <body>: a keyboard or screen-reader user would start again at the
// top of the page. Focus goes to the first field with an error in the same form, else to its
// error message, else to the nearest element with an id around the pressed button (a line of
// the import preview), else to the heading of the part a form was in (the form did its job
// and is gone), else to the first control in what replaced the pressed element's part (a
// clause's fields after «Rediger», its «Rediger» after «Lagre» or «Avbryt»).
(() => {
  "use strict";
  let sendt = null;

  document.addEventListener("htmx:beforeRequest", (hendelse) => {
    const skjema = hendelse.detail.elt;
    const mal = hendelse.detail.target;
    const iMal = mal && mal.id && mal.contains(skjema) ? mal.id : null;
    if (!(skjema instanceof HTMLFormElement)) {
      sendt = iMal ? { mal: iMal } : null;
      return;
    }
    const del = skjema.closest("[aria-labelledby]");
    const aktiv = document.activeElement;
    const omkring = aktiv && skjema.contains(aktiv) && aktiv.parentElement.closest("[id]");
    sendt = {
      omkring: omkring && omkring !== mal && mal.contains(omkring) ? omkring.id : null,
      navn: skjema.getAttribute("aria-label"),
      overskrift: del ? del.getAttribute("aria-labelledby").split(" ")[0] : null,
      mal: iMal,
    };
  });

  const fokuser = (element) => {
    if (!element.matches("input, select, textarea, button, a[href]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  };

  const forsteKontroll = (del) => [
    ...del.querySelectorAll("input:not([type='hidden']), textarea, select, a[href], button"),
  ].find((kontroll) => (kontroll.checkVisibility ? kontroll.checkVisibility() : kontroll.offsetParent !== null));

  document.addEventListener("htmx:afterSettle", () => {
    if (!sendt) return;
    const { navn, omkring, overskrift, mal: malId } = sendt;
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
    const del = malId && document.getElementById(malId);
    const mal = feil
      || (omkring && document.getElementById(omkring))
      || (overskrift && document.getElementById(overskrift))
      || (del && forsteKontroll(del));
    if (mal) fokuser(mal);
  });
})();
