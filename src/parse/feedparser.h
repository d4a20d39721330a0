#pragma once

#include "domain/article.h"
#include "domain/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QIODevice;

namespace folio {

enum class FeedFormat { Rss, Rdf, Atom, JsonFeed };

// One entry of a feed, as the parser read it. `article` has no id or feedId yet; `article.guid` is the
// stable id (guid / id / link / hash of title+date+content as a last resort), `article.url` is absolute.
//
// Content format rule: `article.contentFormat` is Markdown when the feed marks the content as Markdown — an Atom
// content (or summary) with type="text/markdown", an RSS description or content:encoded with
// type="text/markdown", an RSS <source:markdown>, or a JSON Feed item with content_text and no content_html —
// and HTML otherwise (Atom type="text" is escaped into <p>…</p> with <br> line breaks). Markdown wins when an item
// carries both. An item with only a summary/description gets it as its content. Relative URLs in HTML content are
// made absolute (xml:base, else the article's link). `article.summary` is always plain text, at most ~300
// characters; `article.title` is plain text (markup in titles becomes its text).
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
// reason ("not a feed: empty", "not a feed: looks like an HTML page", "XML error at line L: …").
// Broken XML is repaired before it is read (see xmlrepair.h: HTML entities, stray '&', control characters, case,
// unquoted attributes, bounded entity expansion, external entities never fetched); a document still broken in
// the middle is read again from the next item, and a cut-off one keeps the items before the cut. Linear in the
// size of the document.
Result<FeedDocument> parseFeed(const QByteArray& bytes, const QUrl& documentUrl = {},
                               const QByteArray& declaredCharset = {},
                               const QDateTime& fetchedAt = QDateTime::currentDateTimeUtc());

// Takes a feed's items one at a time, in document order; false stops the reading.
using FeedItemSink = std::function<bool(FeedItem&& item)>;

// parseFeed for feeds of any size: each item goes to `sink` as soon as it is read (its id already made unique)
// instead of into `items`, so memory does not grow with the number of items, and `bytes` are let go once decoded.
// The other fields are complete when it returns. A failure means `sink` was given nothing. What a streaming reader
// cannot know yet: an RSS/Atom item is read with what the channel said before it (site URL as a base for relative
// links when there is no document URL, Atom feed authors), not what the channel says after its items.
Result<FeedDocument> streamFeed(QByteArray bytes, const QUrl& documentUrl, const QByteArray& declaredCharset,
                                const QDateTime& fetchedAt, const FeedItemSink& sink);

// streamFeed over bytes on a device (a download spooled to a file): neither the bytes nor the text are ever held
// whole. The bytes are read a piece of `pieceBytes` at a time, decoded (the encoding is chosen by a first look at
// all of them, as for the whole bytes), repaired and given to the XML reader piece by piece; the text is read twice
// (a first pass finds the namespace prefixes to declare), and memory holds about a piece and an item. A JSON Feed
// is read whole (capped at 64 MB of text). The device must be open for reading and seekable.
Result<FeedDocument> streamFeed(QIODevice& device, const QUrl& documentUrl, const QByteArray& declaredCharset,
                                const QDateTime& fetchedAt, const FeedItemSink& sink, qint64 pieceBytes = 1 << 16);

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
