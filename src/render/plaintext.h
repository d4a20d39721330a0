#pragma once

#include "domain/article.h"

#include <QString>

namespace folio {

// The text of an article as the search index sees it: what a reader reads, without markup.
//  - Markdown: the text of every block, code included; math TeX kept as written between its delimiters (so
//    "$\alpha_t$" gives "\alpha_t", which the tokenizer reads as the words alpha and t); link targets, image
//    alt text and raw HTML tags dropped (the text inside HTML blocks is kept).
//  - HTML: the text nodes; script, style and template contents dropped.
// Blocks end with a line break; a soft line break between two CJK characters is dropped (a browser shows none),
// elsewhere it becomes a space. Control characters other than line breaks and tabs become spaces, so the
// search layer's \x02/\x03 highlight markers never occur in the text.
QString plainText(const QString& content, ContentFormat format);

// The text of an HTML fragment, as plainText() does for ContentFormat::Html.
QString htmlPlainText(const QString& html);

} // namespace folio
