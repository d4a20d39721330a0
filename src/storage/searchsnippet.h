#pragma once

#include <QString>
#include <QStringList>

namespace folio::searchsnippet {

constexpr int kSnippetChars = 140;

// Highlighting for search results, from FTS5's highlight() of a column (the column's text with its matched
// tokens between kHighlightStart and kHighlightEnd, domain/search.h) and the query's CJK runs (FtsQuery::cjkRuns).
// FTS5 marks whole tokens: right for words (its porter stemming decides what matched), wrong for CJK, where a
// token is a bigram (a hit on 码 would mark 编码). So FTS5's marks on CJK text are dropped and every occurrence
// of each CJK run, case-folded, is marked instead.

// The whole text, marked.
QString highlighted(const QString& ftsHighlighted, const QStringList& cjkRuns);

// About `maxChars` characters around the cluster with the most marks, marked, with "…" where the text was cut.
// Line breaks become spaces. Without any mark, the start of the text.
QString snippet(const QString& ftsHighlighted, const QStringList& cjkRuns, int maxChars = kSnippetChars);

} // namespace folio::searchsnippet
