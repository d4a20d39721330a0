// Folio's page script. Runs in an isolated world (QWebEngineScript::ApplicationWorld) after katex.min.js and
// highlight.min.js; the page's own JavaScript is off. Typesets every .math element with KaTeX (the view calls
// folioStep(n) until it returns 0), highlights code, then reports through the document title:
// "folio-done:<formulas>:<errors>".
(function () {
  'use strict';
  // Fresh per article (each page load is a fresh world). Compatibility with what MathJax blogs write.
  var macros = {
    '\\label': '\\gdef\\folioLastLabel{#1}',
    '\\eqref': '\\text{(#1)}',
    '\\ref': '\\text{#1}',
    '\\mbox': '\\text{#1}',
    '\\require': '\\gdef\\folioRequired{#1}',
    '\\DeclareMathOperator': '\\gdef#1{\\operatorname{#2}}'
  };
  // KaTeX accepts these environments only in display mode.
  var displayOnly = /^\s*\\begin\{(align|equation|gather|alignat|multline|flalign|split|eqnarray)\*?\}/;
  var options = function (display) {
    return {
      displayMode: display, throwOnError: false, trust: false, strict: 'ignore',
      maxSize: 50, maxExpand: 1000, globalGroup: true, macros: macros, errorColor: 'inherit'
    };
  };

  var formulas = Array.prototype.slice.call(document.querySelectorAll('.math'));
  var errors = 0;
  // Some converters (pandoc) keep the delimiters inside the span.
  function withoutDelimiters(tex) {
    var m = /^\s*\\([(\[])([\s\S]*)\\([)\]])\s*$/.exec(tex);
    return m && ((m[1] === '(' && m[3] === ')') || (m[1] === '[' && m[3] === ']')) ? m[2] : tex;
  }

  function typeset(el) {
    var tex = withoutDelimiters(el.textContent);
    var display = el.classList.contains('display') || displayOnly.test(tex);
    try {
      katex.render(tex, el, options(display));
      if (el.querySelector('.katex-error')) errors++;
    } catch (e) {
      errors++;
      el.textContent = tex;
      el.classList.add('math-error');
      el.title = String(e && e.message || e);
    }
  }

  function highlight() {
    var blocks = document.querySelectorAll('pre code[class*="language-"]');
    for (var i = 0; i < blocks.length; i++) {
      // Huge blocks are left plain: highlighting them could stall the page.
      if (blocks[i].textContent.length < 200000 && typeof hljs !== 'undefined') {
        try { hljs.highlightBlock(blocks[i]); } catch (e) { /* leave the block plain */ }
      }
    }
  }

  function finish() {
    highlight();
    var report = function () { document.title = 'folio-done:' + formulas.length + ':' + errors; };
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(report, report); else report();
  }

  // The first screenful at once; the rest in slices that the view asks for one task at a time (page timers
  // do not run while the page's own JavaScript is off), so a 500-formula page keeps painting and scrolling.
  var next = 0, finished = false;
  function step(milliseconds) {
    if (finished) return 0;
    var until = performance.now() + milliseconds;
    while (next < formulas.length && performance.now() < until) typeset(formulas[next++]);
    if (next >= formulas.length) { finished = true; finish(); return 0; }
    return formulas.length - next;
  }
  window.folioStep = step;
  if (typeof katex === 'undefined') { errors = formulas.length; finished = true; finish(); return; }
  step(60);
})();
