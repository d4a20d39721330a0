#pragma once

#include "render/markdownlines.h"

#include <QString>
#include <QStringView>

// Line-level CommonMark syntax, as the math scanner's line analysis needs it (no container state).
namespace folio::detail {

inline bool isSpaceOrTab(QChar c)
{
    return c == u' ' || c == u'\t';
}
inline int columnsOf(QChar c)
{
    return c == u'\t' ? 4 : 1;
}
inline bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}
inline bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

// The container markers at the start of the line [start, end).
ContainerPrefix parsePrefix(const QString& text, qsizetype start, qsizetype end);

struct Fence {
    QChar mark;
    qsizetype length = 0;
};
// An opening code fence at pos (length 0 when there is none).
Fence fenceAt(const QString& text, qsizetype pos, qsizetype end);
bool isClosingFence(const QString& text, qsizetype pos, qsizetype end, Fence fence);

// CommonMark HTML block starts, by kind. 1-5 end at a marker (script/pre/style/textarea, comment, processing
// instruction, declaration, CDATA); 6 (a block-level tag name) and 7 (any other tag, which cmark takes as a
// block only when the line holds nothing else and no paragraph is open) end at a blank line; 0: none.
int htmlBlockKind(const QString& text, qsizetype pos, qsizetype end);
bool containsHtmlBlockEnd(QStringView line, int kind);

bool isAtxHeading(const QString& text, qsizetype pos, qsizetype end);
// A thematic break ("***", "___") or a setext underline ("===", "--"): one mark repeated, spaces allowed.
bool isRuleLine(const QString& text, qsizetype pos, qsizetype end);
// A GFM table delimiter row such as "|:--|--:|" or "--- | ---".
bool isDelimiterRow(QStringView content);

} // namespace folio::detail
