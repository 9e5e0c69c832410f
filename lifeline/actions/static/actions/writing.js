// Progressive enhancement of the letter page: the draft follows the form as the
// writer types, without pressing "Update the draft". Without JavaScript (or
// fetch) the page works as a plain GET form; this only saves the clicks.
(function () {
  "use strict";
  var form = document.getElementById("letter-form");
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) {
    return;
  }
  var live = ["draft", "advice", "form-errors"];
  var timer = null;
  var latest = 0;

  function query() {
    return new URLSearchParams(new FormData(form)).toString();
  }

  function redraw() {
    var asked = ++latest;
    var search = query();
    fetch(form.action + "?" + search, { headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        if (asked !== latest) {
          return; // a newer redraw is on its way
        }
        var page = new DOMParser().parseFromString(html, "text/html");
        live.forEach(function (id) {
          var fresh = page.getElementById(id);
          var old = document.getElementById(id);
          if (fresh && old) {
            old.replaceWith(document.importNode(fresh, true));
          }
        });
        history.replaceState(null, "", "?" + search);
        var status = document.getElementById("draft-status");
        if (status) {
          status.textContent = status.dataset.updated;
        }
      })
      .catch(function () {
        // Offline or a server error: the button still works.
      });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(redraw, 350);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", function (event) {
    // Another official can change which channels may be chosen: draw the whole page.
    if (event.target.name === "to") {
      form.submit();
    } else {
      later();
    }
  });
})();
