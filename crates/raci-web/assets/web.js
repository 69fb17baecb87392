// raci web: small enhancements over pages that work without JavaScript.
// htmx (vendored) makes links and forms quicker; this file sends the CSRF
// token with htmx's requests, moves focus to the new content after a swap,
// and lets a file be dropped on an evidence form.
"use strict";

(function () {
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // Every htmx request carries the page's CSRF token (forms carry it too).
  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) {
      event.detail.headers["X-CSRF-Token"] = token;
    }
  });

  // After htmx swaps a page in, keyboard and screen-reader users start at
  // its content, as after a full page load.
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail && event.detail.boosted) {
      var main = document.getElementById("main");
      if (main) {
        main.focus({ preventScroll: true });
      }
    }
  });

  // A file dropped on an evidence form is chosen in its file input.
  function setUpDropzone(form) {
    if (form.dataset.dropReady) {
      return;
    }
    form.dataset.dropReady = "1";
    var input = form.querySelector('input[type="file"]');
    if (!input) {
      return;
    }
    ["dragenter", "dragover"].forEach(function (name) {
      form.addEventListener(name, function (event) {
        event.preventDefault();
        form.classList.add("dragging");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      form.addEventListener(name, function () {
        form.classList.remove("dragging");
      });
    });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = event.dataTransfer && event.dataTransfer.files;
      if (files && files.length > 0) {
        input.files = files;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function setUp(root) {
    root.querySelectorAll("form[data-dropzone]").forEach(setUpDropzone);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUp(document);
  });
  document.addEventListener("htmx:load", function (event) {
    setUp(event.target.closest ? (event.target.closest("body") || document) : document);
  });
})();
