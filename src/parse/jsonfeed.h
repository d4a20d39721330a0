#pragma once

#include "parse/feedparser.h"

namespace folio {

// Reads JSON Feed 1.0/1.1 text (see feeditem.h for the content-format rule). `text` is decoded already.
Result<FeedDocument> parseJsonFeed(const QString& text, const QUrl& documentUrl, const QDateTime& fetchedAt);

} // namespace folio
