#pragma once

#include "domain/article.h"
#include "domain/feed.h"
#include "domain/listing.h"
#include "sync/markdownimporter.h"

#include <QJsonArray>
#include <QJsonObject>

// The JSON shapes of DESIGN.md "Command line": keys may be added, never renamed.
namespace folio::cli {

QJsonValue rfc3339(const QDateTime& when); // UTC, or null
QJsonObject toJson(const ListingPage& page);
QJsonObject toJson(const Article& article);
QJsonArray toJson(const QList<TagCount>& tags);
QJsonArray toJson(const QList<Feed>& feeds);
QJsonObject toJson(const ImportReport& report);

} // namespace folio::cli
