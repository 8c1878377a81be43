/* deadcode report: findings filter and sort, report search. No network, no libraries. */
(function () {
  "use strict";
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  var table = document.getElementById("findings");
  if (table && table.tBodies.length) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.forEach(function (r, i) { r.setAttribute("data-index", String(i)); });
    var filter = document.getElementById("finding-filter");
    var kind = document.getElementById("kind-filter");
    var confidence = document.getElementById("confidence-filter");
    var count = document.getElementById("finding-count");
    var empty = document.getElementById("findings-empty");

    var applyFilter = function () {
      var q = filter ? filter.value.trim().toLowerCase() : "";
      var k = kind ? kind.value : "";
      var c = confidence ? confidence.value : "";
      var shown = 0;
      rows.forEach(function (r) {
        var ok = (!k || r.getAttribute("data-kind") === k) &&
                 (!c || r.getAttribute("data-confidence") === c) &&
                 (!q || (r.getAttribute("data-text") || "").indexOf(q) !== -1);
        r.hidden = !ok;
        if (ok) { shown += 1; }
      });
      // no empty table: the header alone says nothing, a sentence does
      (table.parentElement.classList.contains("findings-scroll") ? table.parentElement : table).hidden = shown === 0;
      if (empty) { empty.hidden = shown !== 0; }
      if (count) { count.textContent = shown + " of " + rows.length + " findings shown"; }
    };
    if (filter) { filter.addEventListener("input", applyFilter); }
    if (kind) { kind.addEventListener("change", applyFilter); }
    if (confidence) { confidence.addEventListener("change", applyFilter); }

    var headers = table.tHead.rows[0].cells;
    var keyOf = function (row, idx) {
      var cell = row.cells[idx];
      var v = cell.getAttribute("data-sort");
      return v === null ? cell.textContent.trim() : v;
    };
    var sortBy = function (idx) {
      var th = headers[idx];
      var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      each(headers, function (h) { if (h.hasAttribute("aria-sort")) { h.setAttribute("aria-sort", "none"); } });
      th.setAttribute("aria-sort", dir);
      var numeric = th.getAttribute("data-type") === "number";
      var sign = dir === "ascending" ? 1 : -1;
      rows.sort(function (a, b) {
        var x = keyOf(a, idx), y = keyOf(b, idx), c;
        if (numeric) { c = (parseFloat(x) || 0) - (parseFloat(y) || 0); }
        else { c = x.localeCompare(y); }
        if (c === 0) { c = Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index")); return c; }
        return c * sign;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    };
    each(headers, function (th, idx) {
      var button = th.querySelector("button.sort");
      if (button) { button.addEventListener("click", function () { sortBy(idx); }); }
    });
  }

  // expand or collapse at once every <details> of a part of the page: the findings' evidence
  // chains, or the plan's diffs (a button's data-scope names the part)
  each(document.querySelectorAll("button.toggle-all"), function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("data-open") === "1";
      each(document.querySelectorAll(button.getAttribute("data-scope") + " details"), function (d) { d.open = open; });
    });
  });

  // a table (or a details block around one) whose rows a search hid entirely is hidden too
  var hideEmptyTables = function () {
    each(document.querySelectorAll("main table"), function (t) {
      if (t.id === "findings" || !t.tBodies.length) { return; }
      var rs = t.tBodies[0].rows;
      var any = rs.length === 0;
      each(rs, function (r) { if (!r.hidden) { any = true; } });
      t.hidden = !any;
      var holder = t.parentElement;
      if (holder && holder.tagName === "DETAILS" && holder.classList.contains("gap")) { holder.hidden = !any; }
    });
    each(document.querySelectorAll("main ul"), function (u) {
      var items = u.querySelectorAll(":scope > li.searchable");
      if (!items.length) { return; }
      var any = false;
      each(items, function (li) { if (!li.hidden) { any = true; } });
      var holder = u.parentElement;
      if (holder && holder.tagName === "DETAILS" && holder.classList.contains("gap")) { holder.hidden = !any; }
    });
  };

  var search = document.getElementById("search");
  var status = document.getElementById("search-status");
  if (search) {
    var blocks = document.querySelectorAll(".searchable");
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      var hits = 0;
      each(blocks, function (b) {
        var ok = !q || b.textContent.toLowerCase().indexOf(q) !== -1;
        b.hidden = !ok;
        if (ok && q) { hits += 1; }
      });
      if (table) {
        var filter2 = document.getElementById("finding-filter");
        if (filter2) {
          filter2.value = search.value;
          filter2.dispatchEvent(new Event("input"));
        }
      }
      hideEmptyTables();
      if (status) { status.textContent = q ? hits + " sections and rows match" : ""; }
    });
  }
})();
