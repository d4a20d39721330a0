#include "render/htmlpreparse.h"

#include "render/htmltagset.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace folio {

namespace {

constexpr HtmlTagSet kVoid{GUMBO_TAG_AREA,  GUMBO_TAG_BASE,   GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_BR,
                           GUMBO_TAG_COL,   GUMBO_TAG_EMBED,  GUMBO_TAG_FRAME,    GUMBO_TAG_HR,      GUMBO_TAG_IMAGE,
                           GUMBO_TAG_IMG,   GUMBO_TAG_INPUT,  GUMBO_TAG_KEYGEN,   GUMBO_TAG_LINK,    GUMBO_TAG_META,
                           GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK,    GUMBO_TAG_WBR};
// Elements whose content the tokenizer reads as text up to the matching end tag (<noscript> with scripting on).
constexpr HtmlTagSet kRawText{GUMBO_TAG_SCRIPT,   GUMBO_TAG_STYLE,   GUMBO_TAG_XMP,
                              GUMBO_TAG_IFRAME,   GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES,
                              GUMBO_TAG_TEXTAREA, GUMBO_TAG_TITLE,   GUMBO_TAG_NOSCRIPT};
constexpr HtmlTagSet kFormatting{GUMBO_TAG_A,      GUMBO_TAG_B,      GUMBO_TAG_BIG,  GUMBO_TAG_CODE, GUMBO_TAG_EM,
                                 GUMBO_TAG_FONT,   GUMBO_TAG_I,      GUMBO_TAG_NOBR, GUMBO_TAG_S,    GUMBO_TAG_SMALL,
                                 GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG, GUMBO_TAG_TT,   GUMBO_TAG_U};
// Markers in the list of active formatting elements: formatting opened inside ends with them.
constexpr HtmlTagSet kMarkers{GUMBO_TAG_TD,      GUMBO_TAG_TH,     GUMBO_TAG_CAPTION, GUMBO_TAG_APPLET,
                              GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT, GUMBO_TAG_TEMPLATE};
constexpr HtmlTagSet kScopeBoundaries{GUMBO_TAG_APPLET,   GUMBO_TAG_CAPTION, GUMBO_TAG_HTML,    GUMBO_TAG_TABLE,
                                      GUMBO_TAG_TD,       GUMBO_TAG_TH,      GUMBO_TAG_MARQUEE, GUMBO_TAG_OBJECT,
                                      GUMBO_TAG_TEMPLATE, GUMBO_TAG_SVG,     GUMBO_TAG_MATH,    GUMBO_TAG_BUTTON};
// Start tags that leave foreign content (svg, math) for HTML.
constexpr HtmlTagSet kForeignBreakout{
    GUMBO_TAG_B,       GUMBO_TAG_BIG,  GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,  GUMBO_TAG_BR,   GUMBO_TAG_CENTER,
    GUMBO_TAG_CODE,    GUMBO_TAG_DD,   GUMBO_TAG_DIV,        GUMBO_TAG_DL,    GUMBO_TAG_DT,   GUMBO_TAG_EM,
    GUMBO_TAG_EMBED,   GUMBO_TAG_H1,   GUMBO_TAG_H2,         GUMBO_TAG_H3,    GUMBO_TAG_H4,   GUMBO_TAG_H5,
    GUMBO_TAG_H6,      GUMBO_TAG_HEAD, GUMBO_TAG_HR,         GUMBO_TAG_I,     GUMBO_TAG_IMG,  GUMBO_TAG_LI,
    GUMBO_TAG_LISTING, GUMBO_TAG_MENU, GUMBO_TAG_META,       GUMBO_TAG_NOBR,  GUMBO_TAG_OL,   GUMBO_TAG_P,
    GUMBO_TAG_PRE,     GUMBO_TAG_RUBY, GUMBO_TAG_S,          GUMBO_TAG_SMALL, GUMBO_TAG_SPAN, GUMBO_TAG_STRONG,
    GUMBO_TAG_STRIKE,  GUMBO_TAG_SUB,  GUMBO_TAG_SUP,        GUMBO_TAG_TABLE, GUMBO_TAG_TT,   GUMBO_TAG_U,
    GUMBO_TAG_UL,      GUMBO_TAG_VAR};
// Foreign elements whose children are HTML again.
constexpr HtmlTagSet kIntegrationPoints{GUMBO_TAG_FOREIGNOBJECT,
                                        GUMBO_TAG_DESC,
                                        GUMBO_TAG_TITLE,
                                        GUMBO_TAG_MI,
                                        GUMBO_TAG_MO,
                                        GUMBO_TAG_MN,
                                        GUMBO_TAG_MS,
                                        GUMBO_TAG_MTEXT,
                                        GUMBO_TAG_ANNOTATION_XML};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
bool isAsciiAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

struct OpenElement {
    std::string name;
    GumboTag tag;
    bool childrenForeign; // inside svg or math, outside their HTML integration points
    int formattingAtOpen; // active formatting elements when it opened (restored when a marker closes)
};

class Preparser {
public:
    Preparser(const QByteArray& input, int maxDepth)
        : m_in(input)
        , m_size(input.size())
        , m_maxDepth(maxDepth)
    {
    }

    QByteArray run()
    {
        qsizetype pos = 0;
        while (pos < m_size) {
            const qsizetype lt = m_in.indexOf('<', pos);
            if (lt < 0 || lt + 1 >= m_size)
                break;
            const char next = m_in.at(lt + 1);
            if (next == '!') {
                pos = skipMarkupDeclaration(lt);
            } else if (next == '?') {
                pos = skipPast('>', lt + 2);
            } else if (next == '/') {
                if (lt + 2 >= m_size || !isAsciiAlpha(m_in.at(lt + 2))) {
                    pos = skipPast('>', lt + 2); // "</>" or a bogus comment
                    continue;
                }
                const auto [name, nameEnd] = tagName(lt + 2);
                bool selfClosing = false;
                pos = skipAttributes(nameEnd, selfClosing);
                if (pos < 0)
                    break; // EOF inside a tag: the tokenizer drops it
                if (inForeignContent() && (name == "p" || name == "br"))
                    breakOutOfForeignContent(name, lt, pos);
                else
                    endTag(name, lt, pos);
            } else if (isAsciiAlpha(next)) {
                const auto [name, nameEnd] = tagName(lt + 1);
                bool selfClosing = false;
                pos = skipAttributes(nameEnd, selfClosing);
                if (pos < 0)
                    break;
                const bool foreign = inForeignContent();
                const GumboTag tag = startTag(name, selfClosing, lt, pos);
                if (!foreign && tag == GUMBO_TAG_PLAINTEXT)
                    break; // everything after it is text
                if (!foreign && tag == GUMBO_TAG_NOSCRIPT) {
                    replace(lt + 1, lt + 1 + qsizetype(name.size()), "noembed");
                    const auto [endTagAt, after] = skipRawText(name, pos);
                    if (endTagAt >= 0)
                        replace(endTagAt + 2, endTagAt + 2 + qsizetype(name.size()), "noembed");
                    pos = after;
                } else if (!foreign && kRawText.contains(tag)) {
                    pos = skipRawText(name, pos).second;
                }
            } else {
                pos = lt + 1;
            }
        }
        if (!m_changed)
            return m_in;
        m_out.append(m_in.constData() + m_copiedUpTo, m_size - m_copiedUpTo);
        return m_out;
    }

private:
    static GumboTag tagOf(const std::string& name) { return gumbo_tagn_enum(name.data(), unsigned(name.size())); }

    bool inForeignContent() const { return !m_stack.empty() && m_stack.back().childrenForeign; }

    std::pair<std::string, qsizetype> tagName(qsizetype i) const
    {
        std::string name;
        while (i < m_size && !isSpace(m_in.at(i)) && m_in.at(i) != '/' && m_in.at(i) != '>')
            name.push_back(asciiLower(m_in.at(i++)));
        return {name, i};
    }

    qsizetype skipPast(char c, qsizetype from) const
    {
        const qsizetype at = m_in.indexOf(c, from);
        return at < 0 ? m_size : at + 1;
    }

    qsizetype skipMarkupDeclaration(qsizetype lt) const
    {
        if (m_in.sliced(lt).startsWith("<!--")) {
            // Searching from "<!" also ends the empty comments "<!-->" and "<!--->".
            const qsizetype a = m_in.indexOf("-->", lt + 2);
            const qsizetype b = m_in.indexOf("--!>", lt + 2);
            if (a < 0 && b < 0)
                return m_size;
            return (b < 0 || (a >= 0 && a < b)) ? a + 3 : b + 4;
        }
        if (inForeignContent() && m_in.sliced(lt).startsWith("<![CDATA[")) {
            const qsizetype end = m_in.indexOf("]]>", lt + 9);
            return end < 0 ? m_size : end + 3;
        }
        return skipPast('>', lt + 2);
    }

    // From after a tag name to after its '>', stepping over attribute values; -1 at end of input.
    qsizetype skipAttributes(qsizetype i, bool& selfClosing) const
    {
        while (i < m_size) {
            const char c = m_in.at(i);
            if (isSpace(c)) {
                ++i;
            } else if (c == '/') {
                if (i + 1 < m_size && m_in.at(i + 1) == '>') {
                    selfClosing = true;
                    return i + 2;
                }
                ++i;
            } else if (c == '>') {
                return i + 1;
            } else {
                ++i; // an attribute name's first character may be anything, '=' included
                while (i < m_size && !isSpace(m_in.at(i)) && m_in.at(i) != '/' && m_in.at(i) != '>' &&
                       m_in.at(i) != '=')
                    ++i;
                while (i < m_size && isSpace(m_in.at(i)))
                    ++i;
                if (i >= m_size || m_in.at(i) != '=')
                    continue;
                ++i;
                while (i < m_size && isSpace(m_in.at(i)))
                    ++i;
                if (i >= m_size)
                    return -1;
                if (m_in.at(i) == '"' || m_in.at(i) == '\'') {
                    const qsizetype close = m_in.indexOf(m_in.at(i), i + 1);
                    if (close < 0)
                        return -1;
                    i = close + 1;
                } else {
                    while (i < m_size && !isSpace(m_in.at(i)) && m_in.at(i) != '>')
                        ++i;
                }
            }
        }
        return -1;
    }

    // After the start tag of a raw text element: where its end tag starts (-1 if none) and ends.
    std::pair<qsizetype, qsizetype> skipRawText(const std::string& name, qsizetype pos) const
    {
        while (true) {
            const qsizetype at = m_in.indexOf("</", pos);
            if (at < 0)
                return {-1, m_size};
            qsizetype i = at + 2;
            size_t matched = 0;
            while (matched < name.size() && i < m_size && asciiLower(m_in.at(i)) == name[matched]) {
                ++i;
                ++matched;
            }
            if (matched == name.size() && i < m_size &&
                (isSpace(m_in.at(i)) || m_in.at(i) == '/' || m_in.at(i) == '>')) {
                bool selfClosing = false;
                const qsizetype end = skipAttributes(i, selfClosing);
                return {at, end < 0 ? m_size : end};
            }
            pos = at + 2;
        }
    }

    void replace(qsizetype from, qsizetype to, const char* replacement)
    {
        m_out.append(m_in.constData() + m_copiedUpTo, from - m_copiedUpTo);
        m_out.append(replacement);
        m_copiedUpTo = to;
        m_changed = true;
    }
    void omit(qsizetype from, qsizetype to) { replace(from, to, ""); }

    void popTo(size_t index)
    {
        while (m_stack.size() > index) {
            if (kMarkers.contains(m_stack.back().tag))
                m_activeFormatting = m_stack.back().formattingAtOpen;
            m_stack.pop_back();
        }
    }

    // Closes the nearest open `target` unless a scope boundary comes first; whether it did.
    bool closeInScope(GumboTag target)
    {
        for (size_t i = m_stack.size(); i-- > 0;) {
            if (m_stack[i].tag == target) {
                popTo(i);
                return true;
            }
            if (kScopeBoundaries.contains(m_stack[i].tag))
                return false;
        }
        return false;
    }

    void closeListItem(GumboTag a, GumboTag b)
    {
        for (size_t i = m_stack.size(); i-- > 0;) {
            if (m_stack[i].tag == a || m_stack[i].tag == b)
                return popTo(i);
            if (kListItemBarriers.contains(m_stack[i].tag))
                return;
        }
    }

    // Closes the outermost open element of `parts` inside the nearest table.
    void closeTableParts(const HtmlTagSet& parts)
    {
        size_t outermost = m_stack.size();
        for (size_t i = m_stack.size(); i-- > 0 && m_stack[i].tag != GUMBO_TAG_TABLE;) {
            if (parts.contains(m_stack[i].tag))
                outermost = i;
        }
        popTo(outermost);
    }

    void closeImplied(GumboTag tag)
    {
        static constexpr HtmlTagSet kRowParts{GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH};
        static constexpr HtmlTagSet kCells{GUMBO_TAG_TD, GUMBO_TAG_TH};
        static constexpr HtmlTagSet kSectionParts{GUMBO_TAG_TBODY,   GUMBO_TAG_THEAD,   GUMBO_TAG_TFOOT,
                                                  GUMBO_TAG_TR,      GUMBO_TAG_TD,      GUMBO_TAG_TH,
                                                  GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP};
        static constexpr HtmlTagSet kRubyParts{GUMBO_TAG_RB, GUMBO_TAG_RT, GUMBO_TAG_RP, GUMBO_TAG_RTC};
        if (kClosesParagraph.contains(tag))
            closeInScope(GUMBO_TAG_P);
        if (tag == GUMBO_TAG_LI)
            closeListItem(GUMBO_TAG_LI, GUMBO_TAG_LI);
        else if (tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT)
            closeListItem(GUMBO_TAG_DD, GUMBO_TAG_DT);
        else if (kHeadings.contains(tag) && !m_stack.empty() && kHeadings.contains(m_stack.back().tag))
            m_stack.pop_back();
        else if (tag == GUMBO_TAG_BUTTON)
            closeInScope(tag);
        else if ((tag == GUMBO_TAG_A || tag == GUMBO_TAG_NOBR) && closeInScope(tag) && m_activeFormatting > 0)
            --m_activeFormatting; // the adoption agency took the old one off the list
        else if (tag == GUMBO_TAG_TR)
            closeTableParts(kRowParts);
        else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH)
            closeTableParts(kCells);
        else if (kSectionParts.contains(tag))
            closeTableParts(kSectionParts);
        else if (tag == GUMBO_TAG_TABLE && !m_stack.empty() && m_stack.back().tag == GUMBO_TAG_TABLE)
            m_stack.pop_back();
        else if ((tag == GUMBO_TAG_OPTION || tag == GUMBO_TAG_OPTGROUP) && !m_stack.empty() &&
                 m_stack.back().tag == GUMBO_TAG_OPTION)
            m_stack.pop_back();
        else if (kRubyParts.contains(tag) && !m_stack.empty() && kRubyParts.contains(m_stack.back().tag))
            m_stack.pop_back();
    }

    GumboTag startTag(const std::string& name, bool selfClosing, qsizetype from, qsizetype to)
    {
        const GumboTag tag = tagOf(name);
        bool foreign = inForeignContent();
        if (foreign && kForeignBreakout.contains(tag)) {
            while (inForeignContent())
                m_stack.pop_back();
            foreign = false;
        }
        const bool opensForeign = !foreign && (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH);
        if ((foreign || opensForeign) && selfClosing)
            return tag;
        if (!foreign)
            closeImplied(tag);
        if (!foreign && (kVoid.contains(tag) || kRawText.contains(tag) || tag == GUMBO_TAG_PLAINTEXT))
            return tag; // never suppressed: leaving out a raw text tag would turn its text into markup
        const bool formatting = !foreign && kFormatting.contains(tag);
        if (int(m_stack.size()) >= m_maxDepth || (formatting && m_activeFormatting >= m_maxDepth)) {
            ++m_suppressed[name];
            omit(from, to);
            return tag;
        }
        const bool childrenForeign = opensForeign || (foreign && !kIntegrationPoints.contains(tag));
        m_stack.push_back({name, tag, childrenForeign, m_activeFormatting});
        if (formatting)
            ++m_activeFormatting;
        return tag;
    }

    // Since 2020 the standard ends svg and math at </p> and </br> (then reads them as HTML); gumbo predates
    // that and would keep the rest of the article inside the <svg>. Its start tags do break out.
    void breakOutOfForeignContent(const std::string& name, qsizetype from, qsizetype to)
    {
        replace(from, to, name == "p" ? "<p></p>" : "<br>");
        while (inForeignContent())
            m_stack.pop_back();
        if (name == "p")
            closeInScope(GUMBO_TAG_P);
    }

    void endTag(const std::string& name, qsizetype from, qsizetype to)
    {
        if (auto it = m_suppressed.find(name); it != m_suppressed.end() && it->second > 0) {
            --it->second;
            omit(from, to);
            return;
        }
        for (size_t i = m_stack.size(); i-- > 0;) {
            if (m_stack[i].name == name) {
                popTo(i);
                if (kFormatting.contains(tagOf(name)) && m_activeFormatting > 0)
                    --m_activeFormatting;
                return;
            }
        }
    }

    const QByteArray& m_in;
    const qsizetype m_size;
    const int m_maxDepth;
    std::vector<OpenElement> m_stack;
    std::unordered_map<std::string, int> m_suppressed;
    int m_activeFormatting = 0;
    QByteArray m_out;
    qsizetype m_copiedUpTo = 0;
    bool m_changed = false;
};

} // namespace

QByteArray preparseHtml(const QByteArray& utf8, int maxDepth)
{
    return Preparser(utf8, maxDepth).run();
}

} // namespace folio
