#pragma once

#include <QString>
#include <QUrl>

#include <functional>

namespace folio {

struct SanitizeOptions {
    // Relative links and images resolve against this (the article's own URL).
    QUrl baseUrl;
    // HTML articles from feeds: \(…\), \[…\] and $$…$$ in text nodes (never in code, pre, kbd, samp, or math
    // already marked) become <span class="math inline|display">. Not single $…$ (prices), and not math split
    // across elements or text nodes (e.g. by <br>). Markdown articles already carry their spans.
    bool findMathInText = false;
    // Called with each image's resolved URL (any scheme but javascript:, vbscript: and non-image data:);
    // returns the URL the page should load, or an empty string to show a placeholder instead. Unset: http(s)
    // and data:image URLs are kept as they are. Sanitizing twice is stable only if mapImage accepts its own
    // answers.
    std::function<QString(const QUrl&)> mapImage;
};

// Parses HTML as a browser would (gumbo, HTML5, as the children of <body>) and writes back only what an
// allowlist permits: no scripts, styles, event attributes, iframes, forms or embedded objects; links only to
// http(s), mailto and fragments; images only from http(s), data:image or what mapImage returns.
//
// Elements: text structure, lists, tables, links, images, code, ruby, details, footnote markup (cmark-gfm's
// and the common blog engines'), and a disabled checkbox for task lists. A few obsolete or unsupported
// elements become their allowed equivalent (nav/aside/main/center → section, address → div, menu/dir → ul,
// xmp/listing/plaintext → pre, tt → code, strike → s); scripts, styles, forms and controls, embedded content,
// SVG, MathML and document metadata go with their content; other unknown elements go, their content stays.
// Attributes are allowlisted per element, never style or on*; every id (and fragment link) gets the prefix
// "user-content-"; class keeps only the tokens Folio's page gives a meaning to (math, inline, display on
// span/div; language-* on code/pre; image-missing; footnotes, footnote-ref, footnote-backref). Links get
// rel="noopener noreferrer".
//
// Images: src only (srcset and <picture>'s <source> go; <picture> is unwrapped to its <img>), plus alt, title
// and numeric width/height. A refused or unmapped image becomes <span class="image-missing" title="alt">alt</span>.
// MathJax's <script type="math/tex[; mode=display]"> and KaTeX's MathML (its TeX annotation) become math spans;
// KaTeX's visual copy of the formula is dropped.
//
// The output is well-formed, nested at most 256 elements deep (deeper content is flattened to text), and
// stable: sanitizing it again returns it unchanged. Time is linear in the input.
QString sanitizeHtml(const QString& html, const SanitizeOptions& options = {});

} // namespace folio
