#pragma once

#include <QString>
#include <QStringView>

namespace folio {

// The text a person reads in an HTML fragment: tags removed (a block tag or <br> becomes a space), <script> and
// <style> dropped with their content, comments dropped, entities decoded, whitespace collapsed to single spaces.
// Lenient: a '<' that starts no tag is kept as text. Linear in the length of the fragment.
QString htmlToPlainText(QStringView html);

// Whitespace collapsed and cut to at most `maxChars` characters, at a word boundary when there is one near the
// end, with "…" when something was cut. Used for listing excerpts.
QString excerpt(QStringView plainText, qsizetype maxChars = 300);

// Escapes &, <, > and " for HTML text and attribute values.
QString escapeHtml(QStringView text);

// Plain text as HTML: escaped, paragraphs (blank-line separated) in <p>, single line breaks as <br>.
QString plainTextToHtml(QStringView text);

} // namespace folio
