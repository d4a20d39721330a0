// Folio's page script. Runs in an isolated world (QWebEngineScript::ApplicationWorld) after katex.min.js and
// highlight.min.js; the page's own JavaScript is off. Typesets every .math element with KaTeX in time slices
// it schedules itself, highlights code, then reports through the document title:
// "folio-done:<generation>:<formulas>:<errors>".
//
// The view loads a page once and then swaps later articles into it with folioShow(): KaTeX, the highlighter,
// the style sheets and the fonts are already in, so an article costs only its own typesetting.
(function () {
  'use strict';
  // Compatibility with what MathJax blogs write. Fresh per article: \gdef in one must not leak into the next.
  function freshMacros() {
    return {
      '\\label': '\\gdef\\folioLastLabel{#1}',
      '\\eqref': '\\text{(#1)}',
      '\\ref': '\\text{#1}',
      '\\mbox': '\\text{#1}',
      '\\require': '\\gdef\\folioRequired{#1}',
      '\\DeclareMathOperator': '\\gdef#1{\\operatorname{#2}}'
    };
  }
  // KaTeX accepts these environments only in display mode.
  var displayOnly = /^\s*\\begin\{(align|equation|gather|alignat|multline|flalign|split|eqnarray)\*?\}/;
  // HTML output only: about twice as fast as HTML + MathML and half the nodes to lay out. Screen readers get
  // the TeX instead, as the element's label (see typeset()).
  function options(display, macros) {
    return {
      displayMode: display, throwOnError: false, trust: false, strict: 'ignore', output: 'html',
      maxSize: 50, maxExpand: 1000, globalGroup: true, macros: macros, errorColor: 'inherit'
    };
  }

  // Some converters (pandoc) keep the delimiters inside the span.
  function withoutDelimiters(tex) {
    var m = /^\s*\\([(\[])([\s\S]*)\\([)\]])\s*$/.exec(tex);
    return m && ((m[1] === '(' && m[3] === ')') || (m[1] === '[' && m[3] === ']')) ? m[2] : tex;
  }

  function typeset(el, run) {
    var tex = withoutDelimiters(el.textContent);
    var display = el.classList.contains('display') || displayOnly.test(tex);
    try {
      katex.render(tex, el, options(display, run.macros));
      if (el.querySelector('.katex-error')) run.errors++;
      el.setAttribute('role', 'math');
      el.setAttribute('aria-label', tex);
    } catch (e) {
      run.errors++;
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

  // The article being typeset; a newer one replaces it and the older one's remaining slices stop.
  var current = null;

  function finish(run) {
    run.done = true;
    highlight();
    var report = function () {
      if (current === run)
        document.title = 'folio-done:' + run.generation + ':' + run.formulas.length + ':' + run.errors;
    };
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(report, report); else report();
  }

  // Slices by time, in document order (the top of the article is what is on screen): a first one large enough
  // for a typical article, then short ones, each a task of its own so the page paints and scrolls in between.
  // Page timers do not run while the page's own JavaScript is off, but message events do.
  var firstSlice = 100, slice = 50;
  var channel = new MessageChannel();
  function step(run, milliseconds) {
    if (run !== current || run.done) return;
    var until = performance.now() + milliseconds;
    while (run.next < run.formulas.length && performance.now() < until) typeset(run.formulas[run.next++], run);
    if (run.next < run.formulas.length) channel.port2.postMessage(0);
    else finish(run);
  }
  channel.port1.onmessage = function () { if (current) step(current, slice); };

  // The fonts every formula needs start loading while KaTeX works, rather than after the first layout.
  function loadFonts(run) {
    if (!document.fonts || !run.formulas.length) return;
    ['16px KaTeX_Main', 'italic 16px KaTeX_Math'].forEach(function (font) {
      document.fonts.load(font).catch(function () { /* the text falls back to other fonts */ });
    });
  }

  function start(generation) {
    var run = {
      generation: generation, formulas: document.querySelectorAll('.math'), next: 0, errors: 0,
      macros: freshMacros(), done: false
    };
    current = run;
    if (typeof katex === 'undefined') { run.errors = run.formulas.length; finish(run); return; }
    loadFonts(run);
    step(run, firstSlice);
  }

  // Called by the view (same isolated world) with the next article's sanitized inner HTML.
  window.folioShow = function (html, generation, dark) {
    document.documentElement.className = dark ? 'dark' : 'light';
    var article = document.querySelector('body > article');
    if (!article) {
      article = document.createElement('article');
      document.body.textContent = '';
      document.body.appendChild(article);
    }
    article.innerHTML = html;
    window.scrollTo(0, 0);
    started = true;
    start(String(generation));
    return true;
  };

  // The document the view loaded: starts once the style sheets are in (they declare KaTeX's fonts), as a long
  // first slice would otherwise delay them, and the fonts after them. A sheet that failed before this script
  // ran has no sheet and no event to come; the window's load event (all sheets settled) covers it.
  var started = false;
  function startOnce() {
    if (started) return;
    started = true;
    start(document.documentElement.getAttribute('data-generation') || '0');
  }
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
