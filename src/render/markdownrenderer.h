#pragma once

#include "render/htmlsanitizer.h"

#include <QString>

namespace folio {

// Markdown → HTML with math kept for KaTeX: math protected (mathspans.h), cmark-gfm (table, strikethrough,
// autolink, tasklist, tagfilter), math restored as span.math, ```math fences turned into block-level
// span.math.display, and soft line breaks between two East Asian wide characters dropped (outside code).
// Without math or CJK line breaks the result is byte for byte cmark-gfm's own HTML.
// Not yet sanitized: raw HTML from the author passes through; callers sanitize (htmlsanitizer.h).
QString markdownToHtml(const QString& markdown);

// Markdown → the HTML an article page shows. A post with raw HTML of the author's goes through the sanitizer
// (markdownToHtml, then sanitizeHtml). A post without any (most) needs no HTML parse: every tag in cmark-gfm's
// output is cmark-gfm's own, so only its links and images are checked, on the tree, by the same URL rules the
// sanitizer applies (a refused link keeps its text, a refused image becomes the same placeholder).
QString markdownToSafeHtml(const QString& markdown, const SanitizeOptions& options);

} // namespace folio
