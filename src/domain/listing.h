#pragma once

#include "domain/article.h"

#include <QList>
#include <QString>

#include <optional>

namespace folio {

// Which articles a "latest updates" listing shows. Filters combine with AND.
struct ListingFilter {
    std::optional<QString> tag; // matched case-insensitively
    std::optional<FeedId> feed;
    bool unreadOnly = false;
    bool starredOnly = false;

    static ListingFilter all() { return {}; }
    static ListingFilter unread() { return withFlags(true, false); }
    static ListingFilter starred() { return withFlags(false, true); }
    static ListingFilter byTag(const QString& name)
    {
        ListingFilter f;
        f.tag = name;
        return f;
    }
    static ListingFilter byFeed(FeedId id)
    {
        ListingFilter f;
        f.feed = id;
        return f;
    }

    friend bool operator==(const ListingFilter&, const ListingFilter&) = default;

private:
    static ListingFilter withFlags(bool unread, bool starred)
    {
        ListingFilter f;
        f.unreadOnly = unread;
        f.starredOnly = starred;
        return f;
    }
};

// A position in the newest-first order: (published DESC, id DESC). Pages start at a cursor.
struct ListingCursor {
    qint64 publishedMs = 0;
    ArticleId id = 0;

    friend bool operator==(const ListingCursor&, const ListingCursor&) = default;
};

// One row of a listing.
struct ArticleSummary {
    ArticleId id = 0;
    FeedId feedId = 0;
    QString feedTitle;
    QString title;
    QString url;
    QDateTime published;
    QStringList tags;
    QString excerpt;
    bool read = false;
    bool starred = false;

    ListingCursor cursor() const { return {published.toMSecsSinceEpoch(), id}; }
};

// Where each page of a listing starts, and how many articles it has in all.
struct ListingIndex {
    qint64 total = 0;
    int pageSize = 0;
    QList<ListingCursor> pageStarts;

    int pageCount() const { return int(pageStarts.size()); }
};

struct ListingPage {
    int page = 1; // 1-based
    int pageCount = 0;
    qint64 total = 0;
    int pageSize = 0;
    QList<ArticleSummary> articles;
};

// How many articles each of the sidebar's fixed entries holds.
struct LibraryCounts {
    qint64 all = 0;
    qint64 unread = 0;
    qint64 starred = 0;
};

struct TagCount {
    QString name;
    qint64 count = 0;
};

} // namespace folio
