// Keeps typed clause text in the browser until it is saved, so a reload or a lost
// connection never loses work. Keys carry the clause's counter: once saved, the
// counter moves on and the old key is dropped.
(function () {
  "use strict";
  var PREFIKS = "samhandling-utkast:";

  function nokkel(skjema) {
    return PREFIKS + skjema.getAttribute("data-utkast-nokkel");
  }

  function les(skjema) {
    var data = {};
    ["nummer", "overskrift", "tekst"].forEach(function (navn) {
      var felt = skjema.elements.namedItem(navn);
      if (felt) data[navn] = felt.value;
    });
    return data;
  }

  function koble(rot) {
    rot.querySelectorAll("form[data-utkast-nokkel]").forEach(function (skjema) {
      if (skjema.dataset.koblet) return;
      skjema.dataset.koblet = "1";
      var lagret = window.localStorage.getItem(nokkel(skjema));
      if (lagret) {
        var data = JSON.parse(lagret);
        var endret = false;
        Object.keys(data).forEach(function (navn) {
          var felt = skjema.elements.namedItem(navn);
          if (felt && felt.value !== data[navn]) {
            felt.value = data[navn];
            endret = true;
          }
        });
        var melding = skjema.querySelector(".gjenopprettet");
        if (endret && melding) melding.hidden = false;
      }
      skjema.addEventListener("input", function () {
        window.localStorage.setItem(nokkel(skjema), JSON.stringify(les(skjema)));
      });
      skjema.addEventListener("htmx:afterRequest", function (hendelse) {
        var svar = hendelse.detail.xhr ? hendelse.detail.xhr.responseText : "";
        if (hendelse.detail.successful && svar.indexOf("konflikt") === -1) {
          window.localStorage.removeItem(nokkel(skjema));
        }
      });
      skjema.addEventListener("submit", function () {
        // A plain (non-htmx) post: the server answers with a new page either way.
        if (!window.htmx) window.localStorage.removeItem(nokkel(skjema));
      });
    });
  }

  // After a full-page post (a comment added or refused), the page comes back at the clause
  // (#anker) with the browser's focus on <body>: a keyboard user would Tab from the top of a
  // long agreement. Focus goes to the field with the error, else to the clause itself.
  function fokuserEtterInnsending() {
    if (document.activeElement && document.activeElement !== document.body) return;
    var ugyldig = document.querySelector(".redigerbart [aria-invalid='true']");
    var mal = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (ugyldig) {
      ugyldig.focus();
    } else if (mal && mal.classList.contains("redigerbart")) {
      mal.setAttribute("tabindex", "-1");
      mal.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    koble(document);
    fokuserEtterInnsending();
  });
  document.addEventListener("htmx:load", function (hendelse) {
    koble(hendelse.detail.elt.parentNode || document);
  });
})();
