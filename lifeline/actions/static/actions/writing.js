// Progressive enhancement of the letter page: the draft follows the form as the
// writer types, without pressing "Update the draft". Without JavaScript (or
// fetch) the page works as a plain form; this only saves the clicks.
//
// The draft is posted (with the form's CSRF token), never put in a URL: the
// writer's name, address and own words would end up in server logs. The
// address bar keeps only the choices the form marks as not personal.
(function () {
  "use strict";
  var form = document.getElementById("letter-form");
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) {
    return;
  }
  var personal = (form.dataset.personal || "").split(" ").concat(["csrfmiddlewaretoken"]);
  var live = ["draft", "advice", "form-errors"];
  var timer = null;
  var latest = 0;

  function publicQuery() {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (personal.indexOf(name) === -1) {
        query.append(name, value);
      }
    });
    return query.toString();
  }

  function redraw() {
    var asked = ++latest;
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: "text/html" },
      credentials: "same-origin",
    })
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
        history.replaceState(null, "", "?" + publicQuery());
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
