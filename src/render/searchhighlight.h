#pragma once

#include <QString>
#include <QStringList>

namespace folio {

// Marks what a search found inside an opened article: every case-insensitive occurrence of each term in the text
// of `html` (the sanitized article body) is wrapped in <mark class="search-hit">. Only text is touched — never a tag,
// an attribute or an entity — and never the text of math spans (span.math: KaTeX reads it as TeX) or of <pre> blocks
// (code highlighting re-reads their text). Overlapping matches become one mark. A term is matched inside one text
// node: a phrase split by inline markup (位置<em>编码</em>) is not marked. Pure; safe on any thread.
QString highlightSearchTerms(const QString& html, const QStringList& terms);

} // namespace folio
