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

struct Feed {
    FeedId id = 0;
    FeedKind kind = FeedKind::Web;
    QString url; // a web feed's URL, or file:// URL of an imported folder
    QString title;
    QString siteUrl;
    QDateTime lastSuccess;
    QString lastError;
    qint64 unread = 0;
    qint64 total = 0;
};

} // namespace folio
