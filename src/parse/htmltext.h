#pragma once

#include <QString>
#include <QStringView>
#include <QUrl>

namespace folio {

// The text a person reads in an HTML fragment: tags removed (a block tag or <br> becomes a space), <script> and
// <style> dropped with their content, comments dropped, entities decoded, whitespace collapsed to single spaces.
// Lenient: a '<' that starts no tag is kept as text. Linear in the length of the fragment.
QString htmlToPlainText(QStringView html);

// Whitespace collapsed and cut to at most `maxChars` characters, at a word boundary when there is one near the
// end, with "…" when something was cut. Used for listing excerpts.
QString excerpt(QStringView plainText, qsizetype maxChars = 300);

// excerpt(htmlToPlainText(html), maxChars), without reading more of a long fragment than the excerpt needs.
QString htmlExcerpt(QStringView html, qsizetype maxChars = 300);

// Makes relative src, href and poster URLs in an HTML fragment absolute against `base` ("#anchors" stay), so
// that an article read later, away from its site, still finds its images and links. Quoted values only.
QString resolveHtmlUrls(const QString& html, const QUrl& base);

// Escapes &, <, > and " for HTML text and attribute values.
QString escapeHtml(QStringView text);

// Plain text as HTML: escaped, paragraphs (blank-line separated) in <p>, single line breaks as <br>.
QString plainTextToHtml(QStringView text);

} // namespace folio
