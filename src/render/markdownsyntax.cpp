#include "render/markdownsyntax.h"

#include <algorithm>

namespace folio::detail {

namespace {

// Length of a bullet ("-", "+", "*"), ordered-list marker ("1.", "1)") or footnote label ("[^x]:") at pos, or 0.
qsizetype listMarkerLength(const QString& text, qsizetype pos, qsizetype end)
{
    qsizetype p = pos;
    const QChar c = text.at(p);
    if (c == u'[' && p + 1 < end && text.at(p + 1) == u'^') {
        for (p += 2; p < end && text.at(p) != u']'; ++p) {
        }
        return p + 1 < end && text.at(p + 1) == u':' ? p + 2 - pos : 0;
    }
    if (c == u'-' || c == u'+' || c == u'*') {
        ++p;
    } else {
        while (p < end && p - pos < 9 && isAsciiDigit(text.at(p)))
            ++p;
        if (p == pos || p >= end || (text.at(p) != u'.' && text.at(p) != u')'))
            return 0;
        ++p;
    }
    return p == end || isSpaceOrTab(text.at(p)) ? p - pos : 0;
}

} // namespace

ContainerPrefix parsePrefix(const QString& text, qsizetype start, qsizetype end)
{
    ContainerPrefix prefix;
    prefix.afterQuotes = start;
    qsizetype p = start;
    int columns = 0;
    for (;;) {
        qsizetype q = p;
        int gap = 0;
        for (; q < end && isSpaceOrTab(text.at(q)); ++q)
            gap += columnsOf(text.at(q));
        prefix.widestGap = std::max(prefix.widestGap, gap);
        if (q < end && text.at(q) == u'>') {
            ++q;
            if (q < end && isSpaceOrTab(text.at(q)))
                ++q;
            ++prefix.quoteDepth;
            prefix.afterQuotes = p = q;
            columns = 0;
            continue;
        }
        if (const qsizetype marker = q < end ? listMarkerLength(text, q, end) : 0; marker > 0) {
            columns += gap + int(marker);
            prefix.listMarker = true;
            p = q + marker;
            continue;
        }
        prefix.contentStart = q;
        prefix.indent = columns + gap;
        return prefix;
    }
}

Fence fenceAt(const QString& text, qsizetype pos, qsizetype end)
{
    if (pos >= end || (text.at(pos) != u'`' && text.at(pos) != u'~'))
        return {};
    const QChar mark = text.at(pos);
    qsizetype p = pos;
    while (p < end && text.at(p) == mark)
        ++p;
    if (p - pos < 3)
        return {};
    for (qsizetype q = p; mark == u'`' && q < end; ++q) {
        if (text.at(q) == u'`') // a backtick fence's info string has none: this is inline code
            return {};
    }
    return {mark, p - pos};
}

bool isClosingFence(const QString& text, qsizetype pos, qsizetype end, Fence fence)
{
    qsizetype p = pos;
    while (p < end && text.at(p) == fence.mark)
        ++p;
    if (p - pos < fence.length)
        return false;
    while (p < end && isSpaceOrTab(text.at(p)))
        ++p;
    return p == end;
}

namespace {

bool isBlockTagName(QStringView name)
{
    static constexpr const char16_t* names[] = {
        u"address",  u"article",  u"aside",    u"base",       u"basefont", u"blockquote", u"body",   u"caption",
        u"center",   u"col",      u"colgroup", u"dd",         u"details",  u"dialog",     u"dir",    u"div",
        u"dl",       u"dt",       u"fieldset", u"figcaption", u"figure",   u"footer",     u"form",   u"frame",
        u"frameset", u"h1",       u"h2",       u"h3",         u"h4",       u"h5",         u"h6",     u"head",
        u"header",   u"hr",       u"html",     u"iframe",     u"legend",   u"li",         u"link",   u"main",
        u"menu",     u"menuitem", u"nav",      u"noframes",   u"ol",       u"optgroup",   u"option", u"p",
        u"param",    u"section",  u"source",   u"summary",    u"table",    u"tbody",      u"td",     u"tfoot",
        u"th",       u"thead",    u"title",    u"tr",         u"track",    u"ul"};
    for (const char16_t* known : names) {
        if (name.compare(QStringView(known), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

int htmlBlockKind(const QString& text, qsizetype pos, qsizetype end)
{
    if (pos + 1 >= end || text.at(pos) != u'<')
        return 0;
    const QStringView rest = QStringView(text).mid(pos + 1, end - pos - 1);
    for (const QStringView name :
         {QStringView(u"script"), QStringView(u"pre"), QStringView(u"style"), QStringView(u"textarea")}) {
        if (rest.startsWith(name, Qt::CaseInsensitive) &&
            (rest.size() == name.size() || rest[name.size()] == u'>' || isSpaceOrTab(rest[name.size()])))
            return 1;
    }
    if (rest.startsWith(u"!--"))
        return 2;
    if (rest.startsWith(u'?'))
        return 3;
    if (rest.startsWith(u"![CDATA["))
        return 5;
    if (rest.startsWith(u'!'))
        return rest.size() > 1 && isAsciiLetter(rest[1]) ? 4 : 0;
    const qsizetype nameStart = rest[0] == u'/' ? 1 : 0;
    qsizetype nameEnd = nameStart;
    while (nameEnd < rest.size() && (isAsciiLetter(rest[nameEnd]) || isAsciiDigit(rest[nameEnd])))
        ++nameEnd;
    if (nameEnd == nameStart || !isAsciiLetter(rest[nameStart]))
        return 0;
    const QStringView after = rest.mid(nameEnd);
    const bool blockTag =
        isBlockTagName(rest.mid(nameStart, nameEnd - nameStart)) &&
        (after.isEmpty() || after.startsWith(u'>') || after.startsWith(u"/>") || isSpaceOrTab(after[0]));
    return blockTag ? 6 : 7;
}

bool containsHtmlBlockEnd(QStringView line, int kind)
{
    switch (kind) {
    case 1:
        return line.contains(u"</script>", Qt::CaseInsensitive) || line.contains(u"</pre>", Qt::CaseInsensitive) ||
               line.contains(u"</style>", Qt::CaseInsensitive) || line.contains(u"</textarea>", Qt::CaseInsensitive);
    case 2:
        return line.contains(u"-->");
    case 3:
        return line.contains(u"?>");
    case 4:
        return line.contains(u'>');
    case 5:
        return line.contains(u"]]>");
    default:
        return false;
    }
}

bool isAtxHeading(const QString& text, qsizetype pos, qsizetype end)
{
    qsizetype p = pos;
    while (p < end && p - pos < 7 && text.at(p) == u'#')
        ++p;
    return p > pos && p - pos <= 6 && (p == end || isSpaceOrTab(text.at(p)));
}

bool isRuleLine(const QString& text, qsizetype pos, qsizetype end)
{
    if (pos >= end)
        return false;
    const QChar mark = text.at(pos);
    if (mark != u'-' && mark != u'*' && mark != u'_' && mark != u'=')
        return false;
    for (qsizetype p = pos; p < end; ++p) {
        if (text.at(p) != mark && !isSpaceOrTab(text.at(p)))
            return false;
    }
    return true;
}

bool isDelimiterRow(QStringView content)
{
    bool pipe = false;
    bool dash = false;
    for (const QChar c : content) {
        if (c == u'|')
            pipe = true;
        else if (c == u'-')
            dash = true;
        else if (c != u':' && !isSpaceOrTab(c))
            return false;
    }
    return pipe && dash;
}

} // namespace folio::detail
