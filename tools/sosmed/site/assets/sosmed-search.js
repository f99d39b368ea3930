/* Search page: Pagefind's UI; a ?q= in the address (from the small search forms) starts a search. */
(function () {
  "use strict";
  var target = document.getElementById("sosmed-search");
  if (!target || typeof PagefindUI === "undefined") {
    return;
  }
  var ui = new PagefindUI({ element: "#sosmed-search", showImages: false, showSubResults: false });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
