#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace folio {

// RFC 822/1123/2822 dates as feeds really write them: "Sat, 14 Mar 2026 09:30:00 GMT", no weekday, 2-digit years
// (00–49 → 20xx, 50–99 → 19xx), single-digit day, missing seconds, lowercase or full month names, "14-Mar-2026",
// named zones (UT/UTC/GMT/Z, the US zones EST…PDT as RFC 822 defines them, and a few common others), "+0800",
// "+08:00", "GMT+8"; no zone means UTC. Returns UTC, or nullopt when the text is not such a date.
std::optional<QDateTime> parseRfc822Date(const QString& text);

// Any date a feed may carry: RFC 822 (RSS pubDate) or RFC 3339 / ISO 8601 (Atom, dc:date, JSON Feed), in UTC.
std::optional<QDateTime> parseFeedDate(const QString& text);

} // namespace folio
