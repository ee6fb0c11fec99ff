// Session timeout warning: a dialog some minutes before the session runs out, whose
// «Fortsett» keeps the session without leaving the page (nothing typed is lost). Another tab's
// activity counts too: the server is asked how much time is left before warning.
(() => {
  "use strict";
  const body = document.body;
  const dialog = document.getElementById("okt-varsel");
  if (!dialog || !body.dataset.oktSekunder) return;
  const varsel = Number(body.dataset.oktVarsel);
  const adresse = body.dataset.oktAdresse;
  const token = JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
  const nedtelling = dialog.querySelector("[data-okt-nedtelling]");
  let frist = Date.now() + Number(body.dataset.oktSekunder) * 1000;
  let sjekker = false;

  const settFrist = (sekunder) => { frist = Date.now() + sekunder * 1000; };
  const utlopt = () => {
    dialog.dataset.tilstand = "utlopt";
    if (!dialog.open) dialog.showModal();
  };
  const svar = (respons) => (respons.ok ? respons.json() : Promise.reject(respons.status));

  document.addEventListener("htmx:afterRequest", () => {
    settFrist(Number(body.dataset.oktSekunder));
  });
  dialog.querySelector("[data-okt-fortsett]").addEventListener("click", () => {
    fetch(adresse, { method: "POST", headers: { "X-CSRFToken": token }, credentials: "same-origin" })
      .then(svar)
      .then((data) => { settFrist(data.sekunder); dialog.close(); })
      .catch(utlopt);
  });

  const tikk = () => {
    const igjen = Math.round((frist - Date.now()) / 1000);
    if (dialog.dataset.tilstand === "utlopt") return;
    if (igjen <= 0) { utlopt(); return; }
    if (igjen <= varsel && !dialog.open && !sjekker) {
      sjekker = true;
      fetch(adresse, { credentials: "same-origin" })
        .then(svar)
        .then((data) => {
          settFrist(data.sekunder);
          if (data.sekunder <= varsel) dialog.showModal();
        })
        .catch(utlopt)
        .finally(() => { sjekker = false; });
    }
    if (dialog.open) {
      const min = Math.floor(Math.max(igjen, 0) / 60);
      const sek = String(Math.max(igjen, 0) % 60).padStart(2, "0");
      nedtelling.textContent = `${min}:${sek}`;
    }
    window.setTimeout(tikk, 1000);
  };
  window.setTimeout(tikk, 1000);
})();
