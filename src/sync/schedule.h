#pragma once

#include <QDateTime>

#include <optional>

namespace folio {

// When a feed is fetched again. Pure functions, so the rules are tested without a clock.
struct SchedulePolicy {
    int defaultMinutes = 60;         // hourly unless the feed asks for less often
    int maxTtlMinutes = 7 * 24 * 60; // a feed's ttl is honoured up to a week
    int firstBackoffMinutes = 15;    // after the first error; doubled with each further one
    int maxBackoffMinutes = 24 * 60;
};

// After a success: the default interval, or the feed's own ttl / sy:updatePeriod when that is longer.
QDateTime nextFetchAfterSuccess(const QDateTime& now, int ttlMinutes, const SchedulePolicy& policy = {});

// After the `errorCount`-th failure in a row (1 for the first): 15 min, 30, 60 … at most a day; never before
// the server's Retry-After.
QDateTime nextFetchAfterError(const QDateTime& now, int errorCount, const std::optional<QDateTime>& retryAfter,
                              const SchedulePolicy& policy = {});

} // namespace folio
