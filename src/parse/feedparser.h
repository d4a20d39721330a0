#pragma once

#include "domain/article.h"
#include "domain/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace folio {

enum class FeedFormat { Rss, Rdf, Atom, JsonFeed };

// One entry of a feed, as the parser read it. `article` has no id or feedId yet; `article.guid` is the
// stable id (guid / id / link / hash of title+date+content as a last resort), `article.url` is absolute.
struct FeedItem {
    Article article;
    QList<QUrl> enclosures; // enclosure / media / JSON `image`/`attachments` URLs, absolute
};

// A parsed feed document. Items keep document order.
struct FeedDocument {
    FeedFormat format = FeedFormat::Rss;
    QString title;
    QUrl siteUrl; // the blog's home page (channel link / Atom alternate / JSON home_page_url)
    QUrl selfUrl; // what the feed says its own URL is, when it says so
    QUrl iconUrl; // favicon / logo / image, absolute
    QString description;
    int ttlMinutes = 0; // RSS <ttl>, or sy:updatePeriod × sy:updateFrequency; 0 when the feed says nothing
    QString encoding;   // the character encoding the bytes were decoded with
    QList<FeedItem> items;
    // Things a reader recovered from (HTML entity, stray '&', truncated end, item without a date...).
    // Each is one line for a person. Recovery never drops an item that could be read.
    QStringList warnings;
};

// Parses RSS 0.9x/1.0 (RDF)/2.0, Atom 1.0 or JSON Feed 1.0/1.1 from raw bytes. `documentUrl` (the URL the bytes
// came from) resolves relative links; `declaredCharset` is the HTTP charset, if any; `fetchedAt` stands in for
// missing dates (and such items have `dateEstimated`). Fails only when the bytes yield no feed at all, with the
// reason.
Result<FeedDocument> parseFeed(const QByteArray& bytes, const QUrl& documentUrl = {},
                               const QByteArray& declaredCharset = {},
                               const QDateTime& fetchedAt = QDateTime::currentDateTimeUtc());

struct OpmlOutline {
    QString title;
    QUrl feedUrl;        // xmlUrl
    QUrl siteUrl;        // htmlUrl
    QStringList folders; // enclosing outline titles, outermost first
};

// Reads the feed outlines of an OPML 1.0/2.0 subscription list (nested folders flattened).
Result<QList<OpmlOutline>> parseOpml(const QByteArray& bytes);
// Writes an OPML 2.0 subscription list.
QByteArray writeOpml(const QList<OpmlOutline>& outlines, const QString& title);

// Feed URLs a web page announces (<link rel="alternate" type="application/rss+xml|atom+xml|feed+json|json">),
// absolute, in page order.
QList<QUrl> discoverFeedLinks(const QByteArray& html, const QUrl& pageUrl);
// Where to look next when a page announces none: /feed, /atom.xml, /index.xml, /rss.xml, /feed.json (and
// the like) on the page's site.
QList<QUrl> commonFeedLocations(const QUrl& pageUrl);

// Does this look like a feed (XML with rss/feed/rdf root, or JSON Feed) rather than a web page?
bool looksLikeFeed(const QByteArray& bytes);

} // namespace folio
