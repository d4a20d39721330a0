#pragma once

#include "domain/article.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace folio {

// Highlight markers in search snippets and titles: the matched text is enclosed in kHighlightStart …
// kHighlightEnd. Article text never holds these control characters (the index's plain text replaces them), so a
// view HTML-escapes the snippet and then turns the markers into <b> and </b>.
constexpr QChar kHighlightStart(0x02);
constexpr QChar kHighlightEnd(0x03);

// A search as the user typed it, parsed (storage/searchquery.h):
//   words and "quoted phrases"      every one must occur (a CJK term as a substring, a Latin word as a word or
//                                   an inflection of it: transformers finds Transformer)
//   -word, -"phrase", NOT word      must not occur
//   tag:NLP  tag:"KV Cache"  -tag:x articles with (without) that tag, any case
//   feed:name                       articles of feeds whose title contains the name, or whose URL is it
//   is:unread  is:starred           reading state
struct SearchTerm {
    QString text;
    bool negated = false;
};

struct SearchQuery {
    QList<SearchTerm> terms;
    QStringList tags;
    QStringList excludedTags;
    QStringList feeds;
    bool unreadOnly = false;
    bool starredOnly = false;

    bool hasFilters() const
    {
        return !tags.isEmpty() || !excludedTags.isEmpty() || !feeds.isEmpty() || unreadOnly || starredOnly;
    }
};

enum class SearchSort {
    Rank,   // BM25 (storage/searchrank.h), title hits weighted 10, tags 5, body 1; ties newest first
    Newest, // publication date, newest first
};

struct SearchHit {
    ArticleId id = 0;
    FeedId feedId = 0;
    QString feedTitle;
    QString title;            // plain text
    QString highlightedTitle; // the title with markers around matches
    QDateTime published;
    QStringList tags;
    QString snippet;  // about kSnippetChars of the body around the best cluster of matches, with markers; "…" at cuts
    double score = 0; // higher is better (−bm25); 0 when sorted by date
    bool read = false;
    bool starred = false;
};

// A search reaches at most this many hits (the most recent ones when more match); SearchPage::totalCapped says
// when more matched. Nobody pages through 250 pages of results, and counting every hit of a broad query costs
// more than finding the first ones.
constexpr int kMaxSearchResults = 5000;

struct SearchPage {
    QString query;
    int page = 1; // 1-based
    int pageSize = 20;
    qint64 total = 0;         // hits, at most kMaxSearchResults
    bool totalCapped = false; // more than kMaxSearchResults matched ("5,000+")
    int pageCount = 0;
    QList<SearchHit> results;
};

} // namespace folio
