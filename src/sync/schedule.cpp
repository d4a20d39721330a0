#include "sync/schedule.h"

#include <algorithm>

namespace folio {

QDateTime nextFetchAfterSuccess(const QDateTime& now, int ttlMinutes, const SchedulePolicy& policy)
{
    const int minutes = std::max(policy.defaultMinutes, std::min(ttlMinutes, policy.maxTtlMinutes));
    return now.addSecs(qint64(minutes) * 60);
}

QDateTime nextFetchAfterError(const QDateTime& now, int errorCount, const std::optional<QDateTime>& retryAfter,
                              const SchedulePolicy& policy)
{
    qint64 minutes = policy.firstBackoffMinutes;
    for (int i = 1; i < errorCount && minutes < policy.maxBackoffMinutes; ++i)
        minutes *= 2;
    QDateTime next = now.addSecs(std::min<qint64>(minutes, policy.maxBackoffMinutes) * 60);
    if (retryAfter && *retryAfter > next)
        next = *retryAfter;
    return next;
}

} // namespace folio
