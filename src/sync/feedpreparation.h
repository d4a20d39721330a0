#pragma once

#include "parse/feedparser.h"
#include "storage/syncstore.h"

namespace folio {

// Makes a parsed feed item ready to store, off the GUI thread: HTML content sanitized once here (links and
// images resolved against the article), a plain-text summary when the feed gave none, and the absolute URLs
// of the images the article shows (for the offline cache).
FetchedArticle prepareArticle(const FeedItem& item);

// Every item, prepared on the worker threads; order is kept.
QList<FetchedArticle> prepareArticles(const QList<FeedItem>& items);

// The http(s) image URLs of safe HTML (as the sanitizer writes it), in order, without repeats.
QStringList imageUrls(const QString& safeHtml);

} // namespace folio
