#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace folio {

using ArticleId = qint64;
using FeedId = qint64;

// How an article's content is written. Stored values are fixed: never renumber them.
enum class ContentFormat { Markdown, Html };
int toStored(ContentFormat format);
std::optional<ContentFormat> contentFormatFromStored(int stored);
QString contentFormatName(ContentFormat format); // "markdown" | "html"

// One article as Folio keeps it. Dates are UTC.
struct Article {
    ArticleId id = 0;
    FeedId feedId = 0;
    QString guid; // stable within its feed: a feed's guid/id, or a post's path inside its folder
    QString url;
    QString slug;
    QString title; // plain text
    QString author;
    QDateTime published;
    QDateTime updated;          // null when the source gives none
    bool dateEstimated = false; // the source had no usable date; `published` is a stand-in
    QString summary;            // plain-text excerpt for listings
    QString content;
    ContentFormat contentFormat = ContentFormat::Markdown;
    QStringList tags;
    bool read = false;
    bool starred = false;
    QString feedTitle; // filled when read back
    QString feedUrl;   // filled when read back
};

// Tag names are unique regardless of case and surrounding space: "nlp", " NLP " and "Nlp" are one tag.
QString tagKey(const QString& name);
// Trims, drops empties and case-insensitive duplicates, keeps first spelling and order.
QStringList normalizedTags(const QStringList& names);

} // namespace folio
