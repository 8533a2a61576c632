// Behaviour the pages ask for through data attributes: the Content Security Policy refuses inline
// event handlers (onchange="…") and inline scripts, so this one static file wires them up.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    // <select data-autosubmit>: choosing an option submits its form (the button stays for
    // keyboard and no-script users).
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });
})();
