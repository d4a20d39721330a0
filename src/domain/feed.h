#pragma once

#include "domain/article.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace folio {

// Where a feed's articles come from. Stored values are fixed: never renumber them.
enum class FeedKind { Web, LocalFolder };
int toStored(FeedKind kind);
std::optional<FeedKind> feedKindFromStored(int stored);

// What fetching a web feed remembers from one fetch to the next.
struct FeedFetchState {
    QString etag;         // sent back as If-None-Match
    QString lastModified; // sent back as If-Modified-Since
    QByteArray lastHash;  // of the last body parsed: an unchanged body is not parsed again
    QDateTime nextFetch;  // null: due now
    int errorCount = 0;   // failed fetches since the last success
    int ttlMinutes = 0;   // the interval the feed asks for; 0 when it says nothing
};

struct Feed {
    FeedId id = 0;
    FeedKind kind = FeedKind::Web;
    QString url;   // a web feed's URL, or file:// URL of an imported folder
    QString title; // as shown: the user's name for it when renamed, else the feed's own title
    bool renamed = false;
    QString siteUrl;
    QString iconUrl;
    QDateTime lastSuccess;
    QString lastError;
    FeedFetchState fetch;
    qint64 unread = 0;
    qint64 total = 0;
};

} // namespace folio
