// storydiff report page: hovering a claim lights its partners on the other side (many-to-many);
// hovering a discrepancy lights its marks in both texts and its row in the table. No network,
// no HTML built from strings: only classes are toggled.
(function () {
  "use strict";

  function indexBy(attr) {
    var index = new Map();
    document.querySelectorAll("[" + attr + "]").forEach(function (el) {
      el.getAttribute(attr).split(" ").forEach(function (id) {
        if (!id) { return; }
        if (!index.has(id)) { index.set(id, []); }
        index.get(id).push(el);
      });
    });
    return index;
  }

  function highlighter(attr, partnersAttr, cls) {
    var index = indexBy(attr);
    var lit = [];
    function clear() {
      lit.forEach(function (el) { el.classList.remove(cls); });
      lit = [];
    }
    function light(el) {
      clear();
      var ids = el.getAttribute(attr).split(" ");
      if (partnersAttr && el.hasAttribute(partnersAttr)) {
        ids = ids.concat(el.getAttribute(partnersAttr).split(" "));
      }
      ids.forEach(function (id) {
        (index.get(id) || []).forEach(function (other) {
          other.classList.add(cls);
          lit.push(other);
        });
      });
    }
    return function (target) {
      var el = target.closest ? target.closest("[" + attr + "]") : null;
      if (el) { light(el); } else { clear(); }
    };
  }

  var claims = highlighter("data-claim", "data-partners", "hl");
  var discrepancies = highlighter("data-disc", null, "hl-disc");
  document.addEventListener("mouseover", function (ev) {
    claims(ev.target);
    discrepancies(ev.target);
  });
  document.addEventListener("focusin", function (ev) {
    claims(ev.target);
    discrepancies(ev.target);
  });

  document.querySelectorAll("#discrepancies tr[data-disc]").forEach(function (row) {
    row.addEventListener("click", function () {
      var id = row.getAttribute("data-disc");
      var mark = document.querySelector(".doc-a .discrepancy[data-disc~='" + id + "']");
      if (mark) { mark.scrollIntoView({ behavior: "smooth", block: "center" }); }
    });
  });
})();
