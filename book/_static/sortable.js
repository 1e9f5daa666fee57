// Click a column header of a table.sortable to sort by it (numbers by their raw value); again to reverse.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, col) {
      th.style.cursor = "pointer";
      th.title = "sort";
      th.addEventListener("click", function () {
        var body = table.tBodies[0];
        var asc = th.dataset.dir !== "asc";
        table.querySelectorAll("thead th").forEach(function (h) { delete h.dataset.dir; });
        th.dataset.dir = asc ? "asc" : "desc";
        var key = function (tr) {
          var td = tr.children[col];
          return td.dataset.sort !== undefined ? parseFloat(td.dataset.sort) : td.textContent.trim().toLowerCase();
        };
        Array.from(body.rows)
          .sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1); })
          .forEach(function (tr) { body.appendChild(tr); });
      });
    });
  });
});
