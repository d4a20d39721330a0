#include "render/markdownlines.h"

#include "render/cmarkdocument.h"
#include "render/markdownsyntax.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <QStringView>

#include <algorithm>

namespace folio::detail {

MarkdownLines::MarkdownLines(const QString& text)
    : m_text(text)
{
    splitLines();
    m_verbatim.assign(size_t(count()), Verbatim::No);
    m_unsure.assign(size_t(count()), false);
    if (!markPossibleVerbatim() || unsureLinesHaveMath())
        markFromCmark();
    linkInlineRuns();
}

void MarkdownLines::splitLines()
{
    // Line endings as cmark counts them: "\n", "\r\n" or "\r".
    const qsizetype size = m_text.size();
    const size_t expected = size_t(size / 40 + 1);
    m_starts.reserve(expected);
    m_ends.reserve(expected);
    m_prefixes.reserve(expected);
    for (qsizetype s = 0; s < size;) {
        qsizetype e = s;
        while (e < size && m_text.at(e) != u'\n' && m_text.at(e) != u'\r')
            ++e;
        m_starts.push_back(s);
        m_ends.push_back(e);
        m_prefixes.push_back(parsePrefix(m_text, s, e));
        if (e + 1 < size && m_text.at(e) == u'\r' && m_text.at(e + 1) == u'\n')
            ++e;
        s = e + 1;
    }
    m_starts.push_back(size);
}

qsizetype MarkdownLines::lineAt(qsizetype offset) const
{
    const auto after = std::upper_bound(m_starts.begin(), m_starts.end() - 1, offset);
    return std::max<qsizetype>(0, qsizetype(after - m_starts.begin()) - 1);
}

bool MarkdownLines::isBlank(qsizetype line) const
{
    return prefix(line).contentStart == end(line) && !prefix(line).listMarker;
}

qsizetype MarkdownLines::skipContainer(qsizetype line, int quoteDepth, int indent) const
{
    qsizetype p = start(line);
    const qsizetype e = end(line);
    for (int depth = 0; depth < quoteDepth; ++depth) {
        qsizetype q = p;
        while (q < e && isSpaceOrTab(m_text.at(q)))
            ++q;
        if (q >= e || m_text.at(q) != u'>')
            break;
        p = q + 1;
        if (p < e && isSpaceOrTab(m_text.at(p)))
            ++p;
    }
    for (int columns = 0; p < e && isSpaceOrTab(m_text.at(p)) && columns + columnsOf(m_text.at(p)) <= indent; ++p)
        columns += columnsOf(m_text.at(p));
    return p;
}

bool MarkdownLines::markPossibleVerbatim()
{
    bool clear = true;
    for (qsizetype line = 0; line < count() && clear;) {
        const ContainerPrefix& pre = prefix(line);
        const qsizetype s = pre.contentStart;
        const qsizetype e = end(line);
        const Fence fence = fenceAt(m_text, s, e);
        const int html = fence.length > 0 ? 0 : htmlBlockKind(m_text, s, e);
        // Four columns of space before a marker or the content can make the line indented code instead.
        const bool maybeIndentedCode =
            pre.widestGap >= 4 && !isBlank(line) && (pre.listMarker || allowsIndentedCode(line));
        if ((fence.length > 0 || html > 0) && maybeIndentedCode) {
            clear = false; // a fence or HTML block, or code holding its first line: only cmark can tell
        } else if (fence.length > 0) {
            line = markFence(line, fence, clear);
        } else if (html > 0) {
            line = markHtml(line, html, clear);
        } else {
            if (maybeIndentedCode) {
                m_verbatim[size_t(line)] = Verbatim::IndentedCode;
                m_unsure[size_t(line)] = true; // list indentation decides, which this scan does not track
            }
            ++line;
        }
    }
    return clear;
}

qsizetype MarkdownLines::markFence(qsizetype line, Fence fence, bool& clear)
{
    m_verbatim[size_t(line)] = Verbatim::Other;
    const ContainerPrefix& opener = prefix(line);
    for (qsizetype next = line + 1; next < count(); ++next) {
        if (!lineInsideContainer(next, line)) {
            clear = false;
            return next;
        }
        m_verbatim[size_t(next)] = Verbatim::Other;
        // A closer indented no deeper than the opener is one for certain; a deeper one may be content.
        if (isClosingFence(m_text, skipContainer(next, opener.quoteDepth, opener.indent), end(next), fence))
            return next + 1;
    }
    return count();
}

qsizetype MarkdownLines::markHtml(qsizetype line, int kind, bool& clear)
{
    for (qsizetype next = line; next < count(); ++next) {
        if (next > line && kind >= 6 && isBlank(next))
            return next;
        if (next > line && !lineInsideContainer(next, line)) {
            clear = false;
            return next;
        }
        m_verbatim[size_t(next)] = Verbatim::Other;
        if (kind == 7) {
            // Maybe only a paragraph starting with inline HTML: then a fence or an HTML block may start inside.
            m_unsure[size_t(next)] = true;
            const qsizetype content = prefix(next).contentStart;
            if (next > line &&
                (fenceAt(m_text, content, end(next)).length > 0 || htmlBlockKind(m_text, content, end(next)) != 0)) {
                clear = false;
                return next;
            }
        }
        const qsizetype from = next == line ? prefix(line).contentStart + 2 : start(next);
        if (kind < 6 && containsHtmlBlockEnd(QStringView(m_text).mid(from, end(next) - from), kind))
            return next + 1;
    }
    return count();
}

// Whether a line inside a code or HTML block certainly still belongs to the opener's containers: it has all of
// the opener's '>' markers, and is blank or indented at least as deep. Otherwise they may have closed, and what
// follows could be anything.
bool MarkdownLines::lineInsideContainer(qsizetype line, qsizetype opener) const
{
    const ContainerPrefix& open = prefix(opener);
    const qsizetype content = skipContainer(line, open.quoteDepth, open.indent);
    if (prefix(line).quoteDepth < open.quoteDepth)
        return false;
    if (content == end(line))
        return true;
    int columns = 0;
    for (qsizetype p = skipContainer(line, open.quoteDepth, 0); p < content; ++p)
        columns += columnsOf(m_text.at(p));
    return columns >= open.indent;
}

// Indented code cannot interrupt a paragraph: an indented line right after paragraph text continues it.
bool MarkdownLines::allowsIndentedCode(qsizetype line) const
{
    if (line == 0)
        return true;
    const qsizetype prev = line - 1;
    const ContainerPrefix& before = prefix(prev);
    if (isBlank(prev) || before.listMarker || before.quoteDepth != prefix(line).quoteDepth ||
        m_verbatim[size_t(prev)] != Verbatim::No)
        return true;
    if (QStringView(u"#`~<-*_=+|").contains(m_text.at(before.contentStart)))
        return true; // a heading, rule, setext underline or table row may precede
    return QStringView(m_text).mid(start(prev), end(prev) - start(prev)).contains(u'|');
}

bool MarkdownLines::unsureLinesHaveMath() const
{
    for (qsizetype line = 0; line < count(); ++line) {
        if (!m_unsure[size_t(line)])
            continue;
        const QStringView text = QStringView(m_text).mid(start(line), end(line) - start(line));
        if (text.contains(u'$') || text.contains(u"\\(") || text.contains(u"\\["))
            return true;
    }
    return false;
}

namespace {

qsizetype lineCount(const char* literal)
{
    qsizetype lines = 0;
    const char* p = literal;
    for (; p && *p; ++p)
        lines += *p == '\n';
    return p && p != literal && p[-1] != '\n' ? lines + 1 : lines;
}

} // namespace

// cmark spends most of a parse on inline syntax, which decides nothing about where code and HTML blocks are.
// This copy blanks out the characters that only matter inline (emphasis, escapes, entities, math), keeping
// container markers, rule lines, tags, "\|" (table cells) and "\`" (code fence info strings).
QString MarkdownLines::blockSkeleton() const
{
    QString copy = m_text;
    QChar* data = copy.data();
    for (qsizetype line = 0; line < count(); ++line) {
        const qsizetype content = prefix(line).contentStart;
        if (isRuleLine(m_text, content, end(line)))
            continue;
        for (qsizetype p = content; p < end(line); ++p) {
            const char16_t c = data[p].unicode();
            if (c == u'<') { // leave tags alone: "<a_b>" is no tag, "<axb>" would be
                const qsizetype close = QStringView(m_text).mid(p, end(line) - p).indexOf(u'>');
                p = close < 0 ? p : p + close;
                continue;
            }
            const bool escape = c == u'\\' && p + 1 < end(line) && data[p + 1] != u'|' && data[p + 1] != u'`';
            if (escape || c == u'*' || c == u'_' || c == u'&' || c == u'$' || c == u'{' || c == u'}')
                data[p] = u'x';
        }
    }
    return copy;
}

void MarkdownLines::markFromCmark()
{
    m_parsedWithCmark = true;
    std::fill(m_verbatim.begin(), m_verbatim.end(), Verbatim::No);
    // CmarkDocument registers the core extensions exactly once (not thread-safe in cmark-gfm): let it.
    static const bool registered = [] { return CmarkDocument(QString()).root() != nullptr; }();
    Q_UNUSED(registered)

    // Only block structure matters here: footnotes and tables change it, the inline extensions do not.
    cmark_parser* parser = cmark_parser_new(CMARK_OPT_FOOTNOTES);
    if (cmark_syntax_extension* table = cmark_find_syntax_extension("table"))
        cmark_parser_attach_syntax_extension(parser, table);
    const QByteArray utf8 = blockSkeleton().toUtf8();
    cmark_parser_feed(parser, utf8.constData(), size_t(utf8.size()));
    cmark_node* root = cmark_parser_finish(parser);

    cmark_iter* iter = cmark_iter_new(root);
    for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        const cmark_node_type type = cmark_node_get_type(node);
        if (event != CMARK_EVENT_ENTER)
            continue;
        Verbatim kind = Verbatim::No;
        if (type == CMARK_NODE_CODE_BLOCK) {
            int length = 0, offset = 0;
            char character = 0;
            kind = cmark_node_get_fenced(node, &length, &offset, &character) ? Verbatim::Other : Verbatim::IndentedCode;
        } else if (type == CMARK_NODE_HTML_BLOCK) {
            kind = Verbatim::Other;
        } else if (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING) {
            continue;
        }
        // Paragraphs and headings come later in document order and win: cmark may report a code block as
        // ending on the first line of the block that closed it.
        const qsizetype first = std::max(1, cmark_node_get_start_line(node)) - 1;
        qsizetype last = cmark_node_get_end_line(node) - 1;
        if (type == CMARK_NODE_HTML_BLOCK) // cmark-gfm reports those closed by an end marker a line short
            last = std::max(last, first + lineCount(cmark_node_get_literal(node)) - 1);
        last = std::min(last, count() - 1);
        for (qsizetype line = first; line <= last; ++line)
            m_verbatim[size_t(line)] = kind;
    }
    cmark_iter_free(iter);
    cmark_node_free(root);
    cmark_parser_free(parser);
}

void MarkdownLines::markTables(std::vector<bool>& table) const
{
    for (qsizetype line = 1; line < count(); ++line) {
        const ContainerPrefix& pre = prefix(line);
        if (m_verbatim[size_t(line)] != Verbatim::No || m_verbatim[size_t(line - 1)] != Verbatim::No ||
            isBlank(line - 1) ||
            !isDelimiterRow(QStringView(m_text).mid(pre.contentStart, end(line) - pre.contentStart)))
            continue;
        table[size_t(line - 1)] = true;
        table[size_t(line)] = true;
        // Rows run to a blank line or the start of another block.
        while (line + 1 < count() && !isBlank(line + 1) && m_verbatim[size_t(line + 1)] == Verbatim::No &&
               !startsBlock(line + 1))
            table[size_t(++line)] = true;
    }
}

bool MarkdownLines::startsBlock(qsizetype line) const
{
    const ContainerPrefix& pre = prefix(line);
    const qsizetype s = pre.contentStart;
    const qsizetype e = end(line);
    return pre.listMarker || fenceAt(m_text, s, e).length > 0 || htmlBlockKind(m_text, s, e) > 0 ||
           isAtxHeading(m_text, s, e) || isRuleLine(m_text, s, e);
}

bool MarkdownLines::isSingleLineBlock(qsizetype line) const
{
    const ContainerPrefix& pre = prefix(line);
    return isAtxHeading(m_text, pre.contentStart, end(line)) || isRuleLine(m_text, pre.contentStart, end(line));
}

void MarkdownLines::linkInlineRuns()
{
    std::vector<bool> table(size_t(count()), false);
    markTables(table);
    m_runStart.resize(size_t(count()));
    for (qsizetype line = 0; line < count(); ++line) {
        const qsizetype prev = line - 1;
        const bool continues =
            line > 0 && m_verbatim[size_t(line)] == Verbatim::No && m_verbatim[size_t(prev)] == Verbatim::No &&
            !table[size_t(line)] && !table[size_t(prev)] && !isBlank(line) && !isBlank(prev) &&
            prefix(line).quoteDepth == prefix(prev).quoteDepth && !startsBlock(line) && !isSingleLineBlock(prev);
        m_runStart[size_t(line)] = continues ? m_runStart[size_t(prev)] : line;
    }
}

} // namespace folio::detail
