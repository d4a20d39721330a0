#pragma once

// Shared by the RSS/Atom and JSON Feed readers: what an entry said, turned into a FeedItem the same way for all.

#include "parse/feedparser.h"

#include <QHash>
#include <QMap>
#include <QPair>

namespace folio {

// One line per kind of problem, with a count and the first example: "3 items have no date …".
class FeedWarnings {
public:
    void note(const QString& kind, const QString& example = {});
    void append(const QString& line) { m_lines << line; }
    QStringList lines() const;

private:
    QStringList m_lines;
    QStringList m_order;
    QMap<QString, QPair<int, QString>> m_counts;
};

// What an entry said, before dates are read and fallbacks applied. Text fields are already as Folio keeps them
// (title plain text, HTML as HTML); the raw date strings are read here.
struct ItemDraft {
    QString guid;
    QString link; // absolute, or empty
    QString title;
    QStringList authors;
    QString publishedText;
    QString updatedText;
    QString summaryHtml; // description / summary, as HTML
    QString contentHtml; // full content as HTML
    QString contentMarkdown;
    QStringList tags;
    QList<QUrl> enclosures;
    QUrl contentBase; // relative URLs inside the HTML resolve against this (see contentBaseFor)
};

// Content format rule (RSS, Atom and JSON Feed alike): Markdown when the feed marks the content as Markdown
// (Atom content/summary type="text/markdown", an RSS description or content with type="text/markdown", RSS
// <source:markdown>, or a JSON Feed item with content_text and no content_html); HTML otherwise. Markdown wins
// over HTML when an item carries both, as it is the author's source. An item with only a summary gets the summary
// as its content. An item without a title (micro-posts) is titled with the start of its text.
FeedItem finishItem(ItemDraft draft, const QDateTime& fetchedAt, FeedWarnings& warnings);

// Ids must be unique within a feed (the store keys articles by them). An item that repeats an earlier id takes
// its link as id when that is new; an exact repeat (same id, same link) is dropped. One warning line each.
void makeIdsUnique(QList<FeedItem>& items, FeedWarnings& warnings);

// makeIdsUnique for items handed out one at a time, in document order.
class UniqueIds {
public:
    // False when the item is an exact repeat to drop; an item that repeats only an id gets its link as id.
    bool admit(FeedItem& item, FeedWarnings& warnings);

private:
    // Hash of an id → hash of the link of the item that has it: 16 bytes an item, not its id and link (a feed of
    // 100,000 items would otherwise keep ~30 MB of them to the end). Keyed with the process's random hash seed, so a
    // feed cannot make two ids collide on purpose; by chance, two of 100,000 ids collide with odds of about 1e-9.
    static quint64 key(const QString& text);
    QHash<quint64, quint64> m_seen;
};

// A URL from a feed: trimmed, resolved against `base`; empty when it is not a usable web URL (javascript:, data:).
QUrl feedUrl(QStringView text, const QUrl& base);

// "joe@example.com (Joe Smith)" → "Joe Smith"; anything else as it is, whitespace collapsed.
QString authorName(QStringView text);

// sy:updatePeriod (hourly, daily, …) and sy:updateFrequency → minutes between updates, 0 when unknown.
int syndicationMinutes(QStringView period, QStringView frequency);

} // namespace folio
