// raci site: the filter of a matrix page, by party, role and words.
// Without this script every row stays visible and the filter stays hidden.
(function () {
  "use strict";

  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var party = document.getElementById("filter-party");
  var role = document.getElementById("filter-role");
  var text = document.getElementById("filter-text");
  var count = document.getElementById("filter-count");
  var noMatch = document.getElementById("no-match");

  // Case and accents ignored, as `raci who` does.
  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function textOf(row) {
    var parts = [];
    row.querySelectorAll("td.activity .text, td.activity .notes li").forEach(function (el) {
      parts.push(el.textContent);
    });
    return fold(parts.join(" "));
  }

  var rows = Array.prototype.map.call(document.querySelectorAll("tr.activity"), function (row) {
    return {
      row: row,
      roles: Array.prototype.map.call(row.querySelectorAll("td[data-roles]"), function (cell) {
        return cell.getAttribute("data-roles");
      }),
      text: textOf(row)
    };
  });

  // Whether a row's roles pass: with a party chosen only its cell counts;
  // "any role" with a party means the party has some role.
  function rolesMatch(roles, who, what) {
    var cells = who === "" ? roles : [roles[Number(who)] || ""];
    if (what === "") {
      return who === "" || cells[0] !== "";
    }
    return cells.some(function (letters) {
      return what === "-" ? letters === "" : letters.indexOf(what) !== -1;
    });
  }

  function apply() {
    var who = party.value;
    var what = role.value;
    var words = fold(text.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (entry) {
      var visible =
        rolesMatch(entry.roles, who, what) &&
        words.every(function (word) {
          return entry.text.indexOf(word) !== -1;
        });
      entry.row.hidden = !visible;
      if (visible) {
        shown += 1;
      }
    });
    // Hide the subheadings and sections left with no visible row.
    document.querySelectorAll("tbody.group").forEach(function (group) {
      group.hidden = !group.querySelector("tr.activity:not([hidden])");
    });
    document.querySelectorAll("section.phase").forEach(function (section) {
      section.hidden = !section.querySelector("tr.activity:not([hidden])");
    });
    count.textContent = shown + " of " + rows.length + " activities";
    noMatch.hidden = shown !== 0;
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    // The fields are reset after the event; filter once they are.
    window.setTimeout(apply, 0);
  });
  form.hidden = false;
  apply();
})();
