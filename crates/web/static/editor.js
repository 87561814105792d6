// The editor's one script: checks each target (指标值) against the target grammar as it is
// typed, and says beside the field how jixiao reads it. The form works without it.
(function () {
  'use strict';
  function check(input) {
    var note = input.nextElementSibling;
    if (!note || !note.classList.contains('target-note')) {
      note = document.createElement('small');
      note.className = 'target-note';
      note.setAttribute('aria-live', 'polite');
      input.insertAdjacentElement('afterend', note);
    }
    fetch('/check/target?text=' + encodeURIComponent(input.value), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) { return; }
        note.textContent = j.note;
        note.className = 'target-note ' + j.level;
      })
      .catch(function () {});
  }
  document.querySelectorAll('input.target').forEach(function (input) {
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { check(input); }, 250);
    });
    if (input.value) { check(input); }
  });
})();
