#pragma once

#include <QByteArray>

namespace folio {

// The deepest element nesting a sanitized article keeps. Real articles stay far below it (Chromium's own parser
// stops nesting at 512).
inline constexpr int kMaxHtmlNesting = 256;

// Readies HTML for gumbo with a light tokenizer pass (comments, raw text, quoted attributes), returning `utf8`
// itself when nothing needed changing:
//
// - Start tags that would open an element deeper than `maxDepth` (or keep more than `maxDepth` formatting
//   elements active) are left out, with as many end tags of the same names. The tree builder's work per tag
//   grows with the depth (scope checks walk the stack of open elements): 100,000 nested <div>s take gumbo a
//   minute, limited they take milliseconds. The depth is an estimate that follows the tree builder's implied
//   end tags (p, li, dd/dt, headings, table parts, a); it never overestimates well-formed HTML, so the
//   sanitizer's own output, nested at most `maxDepth` deep, passes through unchanged.
// - <noscript> is renamed <noembed>: gumbo parses as a browser with scripting off, where <noscript> holds markup;
//   the article page has scripting on, where it holds raw text up to the first </noscript>, as <noembed> does.
//   (Otherwise `<noscript><p title="</noscript>…">` would swallow the rest of the article.)
// - </p> and </br> inside svg or math become <p></p> and <br>: the standard now leaves foreign content there,
//   gumbo (2016) does not. Other changes since (mglyph and malignmark stay MathML in text integration points)
//   are not emulated: such markup is dropped with its math either way, only text after it may be lost.
QByteArray preparseHtml(const QByteArray& utf8, int maxDepth = kMaxHtmlNesting);

} // namespace folio
