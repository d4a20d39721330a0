#pragma once

#include "domain/result.h"

#include <QString>
#include <cstdint>

namespace folio {
class Database;
}

namespace folio::bench {

constexpr int kFillBatch = 1000;

struct FillReport {
    double fillSeconds = 0, markSeconds = 0, checkSeconds = 0;
    int read = 0, starred = 0;
    QString frequentTag; // the tag on the most articles
    QString checks;      // what the paging check found, in words
    bool checksPassed = false;
};

// Fills an empty library with `count` synthetic articles over 20 feeds (ArticleStore::upsert, batches of
// kFillBatch), with 1–4 Zipf-distributed tags each and published times spread over 2026, ~3% of them equal to
// another article's; marks ~30% read and ~2% starred; then pages through All, the most frequent tag, Unread
// and Starred checking every article comes once, in (published DESC, id DESC) order, with the right totals.
Result<FillReport> fillLibrary(Database& db, int count, std::uint64_t seed);

} // namespace folio::bench
