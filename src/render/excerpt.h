#pragma once

#include <QString>

namespace folio {

// The plain-text excerpt a listing shows for a Markdown post: the text before a "<!--more-->" marker when
// there is one (Hugo, Hexo and Jekyll all use it), else the first paragraph. Markup and raw HTML are
// dropped, code and math keep their text; the result is cut at `maxChars` on a word boundary with "…".
QString markdownExcerpt(const QString& markdown, int maxChars = 280);

// Plain text cut to at most `maxChars`, ending at a word or CJK boundary with "…" when cut.
QString truncateText(const QString& text, int maxChars);

} // namespace folio
