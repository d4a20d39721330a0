#pragma once

#include <QString>

namespace folio {

// The plain-text excerpt a listing shows for a Markdown post: the text before a "<!--more-->" marker when
// there is one (Hugo, Hexo and Jekyll all use it), else the first paragraph. Markup and raw HTML are
// dropped, code keeps its text, math is written as text where it can be (render/mathtext.h: $x^2$ → x²) and
// keeps its TeX otherwise; the result is cut at `maxChars` on a word boundary with "…".
QString markdownExcerpt(const QString& markdown, int maxChars = 280);

// The same for sanitized HTML (a feed's article): its text, with the math spans the sanitizer marked written as
// text like above, cut at `maxChars`.
QString htmlExcerpt(const QString& safeHtml, int maxChars = 280);

// Plain text cut to at most `maxChars`, ending at a word or CJK boundary with "…" when cut.
QString truncateText(const QString& text, int maxChars);

} // namespace folio
