// Folio's page script. Runs in an isolated world (QWebEngineScript::ApplicationWorld) after katex.min.js and
// highlight.min.js; the page's own JavaScript is off. Typesets every .math element with KaTeX in time slices
// it schedules itself, highlights code, then reports through the document title:
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
  // HTML output only: about twice as fast as HTML + MathML and half the nodes to lay out. Screen readers get
  // the TeX instead, as the element's label (see typeset()).
  var options = function (display) {
    return {
      displayMode: display, throwOnError: false, trust: false, strict: 'ignore', output: 'html',
      maxSize: 50, maxExpand: 1000, globalGroup: true, macros: macros, errorColor: 'inherit'
    };
  };

  var formulas = document.querySelectorAll('.math');
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
      el.setAttribute('role', 'math');
      el.setAttribute('aria-label', tex);
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

  // Slices by time, in document order (the top of the article is what is on screen): a first one large enough
  // for a typical article, then short ones, each a task of its own so the page paints and scrolls in between.
  // Page timers do not run while the page's own JavaScript is off, but message events do.
  var firstSlice = 100, slice = 50;
  var next = 0;
  var channel = new MessageChannel();
  function step(milliseconds) {
    var until = performance.now() + milliseconds;
    while (next < formulas.length && performance.now() < until) typeset(formulas[next++]);
    if (next < formulas.length) channel.port2.postMessage(0);
    else finish();
  }
  channel.port1.onmessage = function () { step(slice); };

  // The fonts every formula needs start loading while KaTeX works, rather than after the first layout.
  function loadFonts() {
    if (!document.fonts || !formulas.length) return;
    ['16px KaTeX_Main', 'italic 16px KaTeX_Math'].forEach(function (font) {
      document.fonts.load(font).catch(function () { /* the text falls back to other fonts */ });
    });
  }

  function start() {
    if (typeof katex === 'undefined') { errors = formulas.length; finish(); return; }
    loadFonts();
    step(firstSlice);
  }

  // Starts once the style sheets are in (they declare KaTeX's fonts): a long first slice would otherwise
  // delay them, and the fonts after them. A sheet that failed before this script ran has no sheet and no event
  // to come; the window's load event (all sheets settled) covers it.
  var started = false;
  function startOnce() { if (!started) { started = true; start(); } }
  var sheets = Array.prototype.filter.call(document.querySelectorAll('link[rel="stylesheet"]'),
                                           function (link) { return !link.sheet; });
  var pending = sheets.length;
  if (!pending || document.readyState === 'complete') { startOnce(); return; }
  window.addEventListener('load', startOnce, { once: true });
  sheets.forEach(function (link) {
    var done = function () { if (--pending === 0) startOnce(); };
    link.addEventListener('load', done, { once: true });
    link.addEventListener('error', done, { once: true });
  });
})();
