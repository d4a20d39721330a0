#include "render/htmlfastpath.h"

#include "parse/htmlentities.h"
#include "parse/textdecoding.h"
#include "render/htmlpreparse.h"
#include "render/htmltagset.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>
#include <vector>

namespace folio {

struct HtmlArena::Chunk {
    Chunk* next;
};

HtmlArena::~HtmlArena()
{
    clear();
}

void HtmlArena::clear()
{
    while (m_chunks) {
        Chunk* next = m_chunks->next;
        std::free(m_chunks);
        m_chunks = next;
    }
    m_next = nullptr;
    m_end = nullptr;
}

void* HtmlArena::allocate(size_t size)
{
    constexpr size_t kAlign = alignof(std::max_align_t);
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (size_t(m_end - m_next) < size) {
        constexpr size_t kHeader = (sizeof(Chunk) + kAlign - 1) & ~(kAlign - 1);
        size_t chunk = m_nextChunk;
        while (chunk < size)
            chunk *= 2;
        auto* block = static_cast<Chunk*>(std::malloc(kHeader + chunk));
        if (!block)
            throw std::bad_alloc();
        block->next = m_chunks;
        m_chunks = block;
        m_next = reinterpret_cast<char*>(block) + kHeader;
        m_end = m_next + chunk;
        m_nextChunk = chunk * 2;
    }
    void* result = m_next;
    m_next += size;
    return result;
}

namespace {

// What the strict tree builder knows of a start tag. Anything Unsupported makes the fast path give up.
enum class Kind : std::uint8_t {
    Unsupported,
    Phrasing,       // "any other start tag" of "in body", formatting elements included: nothing implied
    Anchor,         // <a>: the adoption agency runs if another <a> is active
    RubyText,       // rb, rt, rp, rtc: may imply end tags inside <ruby>
    Void,           // br, img, wbr, input
    Block,          // closes an open <p>
    Heading,        // closes an open <p> and a heading that is the current node
    Pre,            // closes an open <p>; a newline right after the start tag is dropped
    ListItem,       // li: closes an open <li>
    DefinitionItem, // dd, dt: close an open <dd> or <dt>
    Table,          // closes an open <p>
    TableChild,     // caption, colgroup, thead, tbody, tfoot: directly in <table> only
    Column,         // col: directly in <colgroup> only
    Row,            // tr: directly in thead, tbody or tfoot only (else a <tbody> is implied)
    Cell,           // td, th: directly in <tr> only
    Rule,           // hr: void, closes an open <p>
};

constexpr std::array<Kind, size_t(GUMBO_TAG_LAST) + 1> makeKinds()
{
    std::array<Kind, size_t(GUMBO_TAG_LAST) + 1> kinds{};
    for (GumboTag tag :
         {GUMBO_TAG_SPAN, GUMBO_TAG_EM,     GUMBO_TAG_STRONG, GUMBO_TAG_SMALL, GUMBO_TAG_S,    GUMBO_TAG_CITE,
          GUMBO_TAG_Q,    GUMBO_TAG_DFN,    GUMBO_TAG_ABBR,   GUMBO_TAG_DATA,  GUMBO_TAG_TIME, GUMBO_TAG_CODE,
          GUMBO_TAG_VAR,  GUMBO_TAG_SAMP,   GUMBO_TAG_KBD,    GUMBO_TAG_SUB,   GUMBO_TAG_SUP,  GUMBO_TAG_I,
          GUMBO_TAG_B,    GUMBO_TAG_U,      GUMBO_TAG_MARK,   GUMBO_TAG_BDI,   GUMBO_TAG_BDO,  GUMBO_TAG_INS,
          GUMBO_TAG_DEL,  GUMBO_TAG_STRIKE, GUMBO_TAG_BIG,    GUMBO_TAG_TT,    GUMBO_TAG_FONT, GUMBO_TAG_ACRONYM,
          GUMBO_TAG_RUBY, GUMBO_TAG_UNKNOWN})
        kinds[size_t(tag)] = Kind::Phrasing;
    kinds[size_t(GUMBO_TAG_A)] = Kind::Anchor;
    for (GumboTag tag : {GUMBO_TAG_RB, GUMBO_TAG_RT, GUMBO_TAG_RP, GUMBO_TAG_RTC})
        kinds[size_t(tag)] = Kind::RubyText;
    for (GumboTag tag : {GUMBO_TAG_BR, GUMBO_TAG_IMG, GUMBO_TAG_WBR, GUMBO_TAG_INPUT})
        kinds[size_t(tag)] = Kind::Void;
    for (GumboTag tag :
         {GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,  GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_CENTER,
          GUMBO_TAG_DETAILS, GUMBO_TAG_DIR,     GUMBO_TAG_DIV,    GUMBO_TAG_DL,         GUMBO_TAG_FIGCAPTION,
          GUMBO_TAG_FIGURE,  GUMBO_TAG_FOOTER,  GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP,     GUMBO_TAG_MAIN,
          GUMBO_TAG_NAV,     GUMBO_TAG_OL,      GUMBO_TAG_P,      GUMBO_TAG_SECTION,    GUMBO_TAG_SUMMARY,
          GUMBO_TAG_UL})
        kinds[size_t(tag)] = Kind::Block;
    for (GumboTag tag : {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6})
        kinds[size_t(tag)] = Kind::Heading;
    kinds[size_t(GUMBO_TAG_PRE)] = Kind::Pre;
    kinds[size_t(GUMBO_TAG_LI)] = Kind::ListItem;
    kinds[size_t(GUMBO_TAG_DD)] = Kind::DefinitionItem;
    kinds[size_t(GUMBO_TAG_DT)] = Kind::DefinitionItem;
    kinds[size_t(GUMBO_TAG_TABLE)] = Kind::Table;
    for (GumboTag tag : {GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP, GUMBO_TAG_THEAD, GUMBO_TAG_TBODY, GUMBO_TAG_TFOOT})
        kinds[size_t(tag)] = Kind::TableChild;
    kinds[size_t(GUMBO_TAG_COL)] = Kind::Column;
    kinds[size_t(GUMBO_TAG_TR)] = Kind::Row;
    kinds[size_t(GUMBO_TAG_TD)] = Kind::Cell;
    kinds[size_t(GUMBO_TAG_TH)] = Kind::Cell;
    kinds[size_t(GUMBO_TAG_HR)] = Kind::Rule;
    return kinds;
}

constexpr auto kKinds = makeKinds();

// Where the tree builder is, by the current node: text other than whitespace is foster-parented out of tables.
enum class Context { Flow, Table, ColumnGroup };

// Elements that "generate implied end tags" pops (those the fast path knows).
constexpr HtmlTagSet kImpliedEnd{GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_LI, GUMBO_TAG_P,
                                 GUMBO_TAG_RB, GUMBO_TAG_RP, GUMBO_TAG_RT, GUMBO_TAG_RTC};

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\f';
}
bool isAsciiAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isAsciiAlnum(char c)
{
    return isAsciiAlpha(c) || (c >= '0' && c <= '9');
}
char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// A code point gumbo passes through as it is: no control character (tab, line feed and form feed aside, which
// the callers treat as whitespace), surrogate or noncharacter.
bool isOrdinary(char32_t c)
{
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return false;
    if (c >= 0xD800 && c <= 0xDFFF)
        return false;
    if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
        return false;
    return c <= 0x10FFFF;
}

// The length of the well-formed UTF-8 sequence of an ordinary non-ASCII character at `p`, or 0.
size_t ordinaryUtf8Length(const unsigned char* p, size_t available)
{
    const int length = utf8Sequence(p, qsizetype(available)); // well-formed: not overlong, no surrogate
    if (length <= 1)
        return 0;
    char32_t c = p[0] & (0x7F >> length);
    for (int i = 1; i < length; ++i)
        c = (c << 6) | (p[i] & 0x3F);
    return isOrdinary(c) ? size_t(length) : 0;
}

void appendUtf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out.push_back(char(c));
    } else if (c < 0x800) {
        out.push_back(char(0xC0 | (c >> 6)));
        out.push_back(char(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(char(0xE0 | (c >> 12)));
        out.push_back(char(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(char(0x80 | (c & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (c >> 18)));
        out.push_back(char(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(char(0x80 | (c & 0x3F)));
    }
}

struct OpenElement {
    GumboNode* node;
    GumboTag tag;
    const char* name; // as written, for the end tag of an unknown element
    size_t nameLength;
};

class FastParser {
public:
    FastParser(const char* source, size_t size, size_t fragmentStart, HtmlArena& arena)
        : m_src(source)
        , m_size(size)
        , m_pos(fragmentStart)
        , m_arena(arena)
    {
    }

    GumboNode* run()
    {
        if (!buildPrologue())
            return nullptr;
        m_nodes.reserve(std::min<size_t>((m_size - m_pos) / 16, 1 << 16) + 4);
        while (m_pos < m_size) {
            if (m_ignoreLinefeed) {
                m_ignoreLinefeed = false;
                if (m_src[m_pos] == '\n') {
                    ++m_pos;
                    continue;
                }
            }
            const char c = m_src[m_pos];
            bool ok = false;
            if (c == '<')
                ok = markup();
            else if (c == '&')
                ok = textReference();
            else
                ok = textRun();
            if (!ok)
                return nullptr;
        }
        flushText();
        while (!m_stack.empty())
            pop(nullptr, 0);
        finish();
        return m_body;
    }

private:
    GumboNode* current() const { return m_stack.empty() ? m_body : m_stack.back().node; }
    GumboTag currentTag() const { return m_stack.empty() ? GUMBO_TAG_BODY : m_stack.back().tag; }

    Context context() const
    {
        switch (currentTag()) {
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_THEAD:
        case GUMBO_TAG_TBODY:
        case GUMBO_TAG_TFOOT:
        case GUMBO_TAG_TR:
            return Context::Table;
        case GUMBO_TAG_COLGROUP:
            return Context::ColumnGroup;
        default:
            return Context::Flow;
        }
    }

    template <typename T> T* make() { return new (m_arena.allocate(sizeof(T))) T{}; }

    const char* copyString(const char* data, size_t length)
    {
        auto* out = static_cast<char*>(m_arena.allocate(length + 1));
        std::memcpy(out, data, length);
        out[length] = '\0';
        return out;
    }

    GumboStringPiece piece(size_t from, size_t to) const { return {m_src + from, to - from}; }

    static GumboSourcePosition position(size_t offset) { return {0, 0, unsigned(offset)}; }

    GumboNode* newElement(GumboTag tag, size_t from, size_t to)
    {
        auto* node = make<GumboNode>();
        node->type = GUMBO_NODE_ELEMENT;
        node->parse_flags = GUMBO_INSERTION_NORMAL;
        GumboElement& element = node->v.element;
        element.children = kGumboEmptyVector;
        element.tag = tag;
        element.tag_namespace = GUMBO_NAMESPACE_HTML;
        element.original_tag = piece(from, to);
        element.original_end_tag = kGumboEmptyString;
        element.start_pos = position(from);
        element.end_pos = position(from); // a void element's; others get theirs when popped
        element.attributes = kGumboEmptyVector;
        return node;
    }

    // Makes `child` the last child of `parent`; the child arrays are filled in by finish().
    void appendTo(GumboNode* parent, GumboNode* child)
    {
        child->parent = parent;
        child->index_within_parent = parent->v.element.children.length++;
        m_nodes.push_back(child);
    }

    bool find(std::string_view what, size_t& from, size_t& to) const
    {
        const std::string_view prologue(m_src, m_pos);
        const size_t at = prologue.find(what);
        if (at == std::string_view::npos)
            return false;
        from = at;
        to = at + what.size();
        return true;
    }

    // The document, <html>, <head>, <body> and <wbr> of the prologue.
    bool buildPrologue()
    {
        size_t html[2], head[2], headEnd[2], body[2], wbr[2];
        if (!find("<html>", html[0], html[1]) || !find("<head>", head[0], head[1]) ||
            !find("</head>", headEnd[0], headEnd[1]) || !find("<body>", body[0], body[1]) ||
            !find("<wbr>", wbr[0], wbr[1]) || wbr[1] != m_pos)
            return false;
        auto* document = make<GumboNode>();
        document->type = GUMBO_NODE_DOCUMENT;
        GumboDocument& doc = document->v.document;
        doc.has_doctype = true;
        doc.name = "html";
        doc.public_identifier = "";
        doc.system_identifier = "";
        doc.doc_type_quirks_mode = GUMBO_DOCTYPE_NO_QUIRKS;
        GumboNode* htmlNode = newElement(GUMBO_TAG_HTML, html[0], html[1]);
        GumboNode* headNode = newElement(GUMBO_TAG_HEAD, head[0], head[1]);
        headNode->v.element.original_end_tag = piece(headEnd[0], headEnd[1]);
        headNode->v.element.end_pos = position(headEnd[0]);
        m_body = newElement(GUMBO_TAG_BODY, body[0], body[1]);

        auto** documentChildren = static_cast<void**>(m_arena.allocate(sizeof(void*)));
        documentChildren[0] = htmlNode;
        doc.children = {documentChildren, 1, 1};
        htmlNode->parent = document;
        auto** htmlChildren = static_cast<void**>(m_arena.allocate(2 * sizeof(void*)));
        htmlChildren[0] = headNode;
        htmlChildren[1] = m_body;
        htmlNode->v.element.children = {htmlChildren, 2, 2};
        headNode->parent = htmlNode;
        m_body->parent = htmlNode;
        m_body->index_within_parent = 1;
        appendTo(m_body, newElement(GUMBO_TAG_WBR, wbr[0], wbr[1]));
        return true;
    }

    // Gives every element its child array.
    void finish()
    {
        m_body->v.element.end_pos = position(m_size);
        m_body->parent->v.element.end_pos = position(m_size);
        m_nodes.push_back(m_body);
        for (GumboNode* node : m_nodes) {
            if (node->type != GUMBO_NODE_ELEMENT)
                continue;
            GumboVector& children = node->v.element.children;
            if (children.length > 0) {
                children.data = static_cast<void**>(m_arena.allocate(children.length * sizeof(void*)));
                children.capacity = children.length;
            }
        }
        m_nodes.pop_back();
        for (GumboNode* node : m_nodes)
            node->parent->v.element.children.data[node->index_within_parent] = node;
    }

    void flushText()
    {
        if (m_text.empty())
            return;
        auto* node = make<GumboNode>();
        node->type = m_textIsWhitespace ? GUMBO_NODE_WHITESPACE : GUMBO_NODE_TEXT;
        node->parse_flags = GUMBO_INSERTION_NORMAL;
        node->v.text.text = copyString(m_text.data(), m_text.size());
        node->v.text.original_text = piece(m_textStart, m_textEnd);
        node->v.text.start_pos = position(m_textStart);
        appendTo(current(), node);
        m_text.clear();
        m_textIsWhitespace = true;
    }

    bool appendText(const char* data, size_t length, bool whitespace, size_t from, size_t to)
    {
        if (!whitespace && context() != Context::Flow)
            return false; // the tree builder would move it in front of the table
        if (m_text.empty())
            m_textStart = from;
        m_text.append(data, length);
        m_textEnd = to;
        m_textIsWhitespace = m_textIsWhitespace && whitespace;
        return true;
    }

    bool textRun()
    {
        const auto* s = reinterpret_cast<const unsigned char*>(m_src);
        const size_t from = m_pos;
        size_t i = m_pos;
        bool whitespace = true;
        while (i < m_size) {
            const unsigned char c = s[i];
            if (c == '<' || c == '&')
                break;
            if (c < 0x80) {
                if (!isSpace(char(c))) {
                    if (c < 0x20 || c == 0x7F)
                        return false; // NUL, CR and other controls
                    whitespace = false;
                }
                ++i;
                continue;
            }
            const size_t length = ordinaryUtf8Length(s + i, m_size - i);
            if (length == 0)
                return false;
            whitespace = false;
            i += length;
        }
        m_pos = i;
        return appendText(m_src + from, i - from, whitespace, from, i);
    }

    // Decodes the character reference at m_pos (its '&') into `out`; false if the fast path does not take it.
    // A '&' before whitespace, '<' or '&' is no reference and stays as it is.
    bool reference(std::string& out)
    {
        const size_t amp = m_pos;
        if (amp + 1 >= m_size)
            return false;
        const char next = m_src[amp + 1];
        if (isSpace(next) || next == '<' || next == '&') {
            out.push_back('&');
            ++m_pos;
            return true;
        }
        if (next == '#') {
            size_t i = amp + 2;
            const bool hex = i < m_size && (m_src[i] == 'x' || m_src[i] == 'X');
            if (hex)
                ++i;
            const size_t digitsFrom = i;
            char32_t value = 0;
            while (i < m_size && i - digitsFrom < 8) {
                const char c = m_src[i];
                int digit = -1;
                if (c >= '0' && c <= '9')
                    digit = c - '0';
                else if (hex && c >= 'a' && c <= 'f')
                    digit = c - 'a' + 10;
                else if (hex && c >= 'A' && c <= 'F')
                    digit = c - 'A' + 10;
                if (digit < 0)
                    break;
                value = value * (hex ? 16 : 10) + char32_t(digit);
                ++i;
            }
            // "&#32;" would be a whitespace character token, not text.
            if (i == digitsFrom || i >= m_size || m_src[i] != ';' || !isOrdinary(value) || value == ' ')
                return false;
            appendUtf8(out, value);
            m_pos = i + 1;
            return true;
        }
        size_t i = amp + 1;
        while (i < m_size && isAsciiAlnum(m_src[i]))
            ++i;
        if (i == amp + 1 || i >= m_size)
            return false;
        const std::string_view name(m_src + amp + 1, i - amp - 1);
        char32_t first = 0;
        char32_t second = 0;
        if (m_src[i] != ';' || !htmlEntityCodePoints(name, first, second)) {
            // No reference ("AT&T", "?a=1&b=2", "&bogus;") unless a legacy one, read without its ';', starts the
            // name ("&copy2024", "&notin" → "¬in"). Every legacy name is in the table (with its ';').
            for (size_t length = 1; length <= name.size() && length <= 40; ++length) {
                if (htmlEntityCodePoints(name.substr(0, length), first, second))
                    return false;
            }
            out.push_back('&');
            ++m_pos;
            return true;
        }
        if (!isOrdinary(first) || (second != 0 && !isOrdinary(second)))
            return false;
        appendUtf8(out, first);
        if (second != 0)
            appendUtf8(out, second);
        m_pos = i + 1;
        return true;
    }

    bool textReference()
    {
        const size_t from = m_pos;
        m_scratch.clear();
        if (!reference(m_scratch))
            return false;
        return appendText(m_scratch.data(), m_scratch.size(), false, from, m_pos);
    }

    bool markup()
    {
        if (m_pos + 1 >= m_size)
            return false;
        const char next = m_src[m_pos + 1];
        if (isAsciiAlpha(next))
            return startTag();
        if (next == '/')
            return endTag();
        if (next == '!')
            return comment();
        if (next == '?')
            return false;
        // A '<' that starts no tag is text.
        const size_t from = m_pos++;
        return appendText("<", 1, false, from, m_pos);
    }

    bool comment()
    {
        const std::string_view rest(m_src + m_pos, m_size - m_pos);
        if (rest.substr(0, 4) != "<!--")
            return false; // doctype, CDATA, bogus comment
        const size_t end = rest.find("-->", 4);
        if (end == std::string_view::npos)
            return false;
        const std::string_view body = rest.substr(4, end - 4);
        // No "<!-->", "<!--->", "--" inside, "--!>" or a '-' before the end: the tokenizer's odd cases.
        if ((!body.empty() && (body.front() == '>' || body.front() == '-')) || body.find("--") != body.npos ||
            (!body.empty() && body.back() == '-') || body.find("<!") != body.npos)
            return false;
        const auto* s = reinterpret_cast<const unsigned char*>(body.data());
        for (size_t i = 0; i < body.size();) {
            if (s[i] < 0x80) {
                if (!isSpace(char(s[i])) && (s[i] < 0x20 || s[i] == 0x7F))
                    return false;
                ++i;
            } else {
                const size_t length = ordinaryUtf8Length(s + i, body.size() - i);
                if (length == 0)
                    return false;
                i += length;
            }
        }
        flushText();
        auto* node = make<GumboNode>();
        node->type = GUMBO_NODE_COMMENT;
        node->parse_flags = GUMBO_INSERTION_NORMAL;
        node->v.text.text = copyString(body.data(), body.size());
        node->v.text.original_text = piece(m_pos, m_pos + end + 3);
        node->v.text.start_pos = position(m_pos);
        appendTo(current(), node);
        m_pos += end + 3;
        return true;
    }

    // Reads a tag name from `i` (its first letter); false if it has characters the fast path does not take.
    bool tagName(size_t& i, GumboTag& tag) const
    {
        const size_t from = i;
        char lower[64];
        while (i < m_size && (isAsciiAlnum(m_src[i]) || m_src[i] == '-')) {
            if (i - from >= sizeof lower)
                return false;
            lower[i - from] = asciiLower(m_src[i]);
            ++i;
        }
        if (i >= m_size || !(isSpace(m_src[i]) || m_src[i] == '/' || m_src[i] == '>'))
            return false;
        tag = gumbo_tagn_enum(lower, unsigned(i - from));
        return true;
    }

    // An attribute value up to `quote` (0: unquoted), references decoded into m_scratch.
    bool attributeValue(char quote)
    {
        m_scratch.clear();
        const auto* s = reinterpret_cast<const unsigned char*>(m_src);
        while (m_pos < m_size) {
            const unsigned char c = s[m_pos];
            if (quote ? c == quote : (isSpace(char(c)) || c == '>'))
                return quote == 0 ? !m_scratch.empty() : true;
            if (c == '&') {
                if (!reference(m_scratch))
                    return false;
                continue;
            }
            if (c < 0x80) {
                if (!isSpace(char(c)) && (c < 0x20 || c == 0x7F))
                    return false;
                if (!quote && (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`'))
                    return false;
                m_scratch.push_back(char(c));
                ++m_pos;
                continue;
            }
            const size_t length = ordinaryUtf8Length(s + m_pos, m_size - m_pos);
            if (length == 0)
                return false;
            m_scratch.append(m_src + m_pos, length);
            m_pos += length;
        }
        return false; // end of input inside the tag: the tokenizer drops it
    }

    // The attributes after a start tag's name, up to and past its '>'.
    bool attributes(bool& selfClosing)
    {
        m_attributes.clear();
        while (true) {
            while (m_pos < m_size && isSpace(m_src[m_pos]))
                ++m_pos;
            if (m_pos >= m_size)
                return false;
            const char c = m_src[m_pos];
            if (c == '>') {
                ++m_pos;
                return true;
            }
            if (c == '/') {
                if (m_pos + 1 >= m_size || m_src[m_pos + 1] != '>')
                    return false;
                selfClosing = true;
                m_pos += 2;
                return true;
            }
            const size_t nameFrom = m_pos;
            while (m_pos < m_size) {
                const auto n = static_cast<unsigned char>(m_src[m_pos]);
                if (isSpace(char(n)) || n == '/' || n == '>' || n == '=')
                    break;
                if (n <= 0x20 || n >= 0x7F || n == '"' || n == '\'' || n == '<')
                    return false;
                ++m_pos;
            }
            const size_t nameTo = m_pos;
            if (nameTo == nameFrom)
                return false; // a name starting with '='
            auto* attribute = make<GumboAttribute>();
            attribute->attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
            auto* name = static_cast<char*>(m_arena.allocate(nameTo - nameFrom + 1));
            for (size_t i = nameFrom; i < nameTo; ++i)
                name[i - nameFrom] = asciiLower(m_src[i]);
            name[nameTo - nameFrom] = '\0';
            for (const GumboAttribute* other : m_attributes) {
                if (std::strcmp(other->name, name) == 0)
                    return false; // the tokenizer drops a repeated attribute
            }
            attribute->name = name;
            attribute->original_name = piece(nameFrom, nameTo);
            attribute->name_start = position(nameFrom);
            attribute->name_end = position(nameTo);
            while (m_pos < m_size && isSpace(m_src[m_pos]))
                ++m_pos;
            if (m_pos < m_size && m_src[m_pos] == '=') {
                ++m_pos;
                while (m_pos < m_size && isSpace(m_src[m_pos]))
                    ++m_pos;
                if (m_pos >= m_size)
                    return false;
                const size_t valueFrom = m_pos;
                const char quote = (m_src[m_pos] == '"' || m_src[m_pos] == '\'') ? m_src[m_pos] : 0;
                if (quote)
                    ++m_pos;
                if (!attributeValue(quote))
                    return false;
                if (quote) {
                    ++m_pos;
                    if (m_pos >= m_size || !(isSpace(m_src[m_pos]) || m_src[m_pos] == '/' || m_src[m_pos] == '>'))
                        return false;
                }
                attribute->value = copyString(m_scratch.data(), m_scratch.size());
                attribute->original_value = piece(valueFrom, m_pos);
                attribute->value_start = position(valueFrom);
                attribute->value_end = position(m_pos);
            } else {
                attribute->value = "";
                attribute->original_value = piece(nameFrom, nameTo); // as gumbo has it
                attribute->value_start = position(nameFrom);
                attribute->value_end = position(nameTo);
            }
            m_attributes.push_back(attribute);
        }
    }

    bool openElementOf(GumboTag tag, const HtmlTagSet& barriers) const
    {
        for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
            if (it->tag == tag)
                return true;
            if (barriers.contains(it->tag))
                return false;
        }
        return false;
    }

    // Whether the tree builder inserts an element of this kind at the current node and does nothing else.
    bool insertsPlainly(Kind kind) const
    {
        static constexpr HtmlTagSet kMarkers{GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_CAPTION};
        const GumboTag parent = currentTag();
        switch (kind) {
        case Kind::Unsupported:
            return false;
        case Kind::TableChild:
            return parent == GUMBO_TAG_TABLE;
        case Kind::Column:
            return parent == GUMBO_TAG_COLGROUP;
        case Kind::Row:
            return parent == GUMBO_TAG_THEAD || parent == GUMBO_TAG_TBODY || parent == GUMBO_TAG_TFOOT;
        case Kind::Cell:
            return parent == GUMBO_TAG_TR;
        default:
            break;
        }
        if (context() != Context::Flow)
            return false;
        switch (kind) {
        case Kind::Phrasing:
        case Kind::Void:
            return true;
        case Kind::Anchor:
            return !openElementOf(GUMBO_TAG_A, kMarkers);
        case Kind::RubyText:
            return !(kImpliedEnd.contains(parent) && m_openRuby > 0);
        case Kind::Block:
        case Kind::Pre:
        case Kind::Table:
        case Kind::Rule:
            return m_openParagraphs == 0;
        case Kind::Heading:
            return m_openParagraphs == 0 && !kHeadings.contains(parent);
        case Kind::ListItem:
            return m_openParagraphs == 0 && !openElementOf(GUMBO_TAG_LI, kListItemBarriers);
        case Kind::DefinitionItem:
            return m_openParagraphs == 0 && !openElementOf(GUMBO_TAG_DD, kListItemBarriers) &&
                   !openElementOf(GUMBO_TAG_DT, kListItemBarriers);
        default:
            return false;
        }
    }

    bool startTag()
    {
        const size_t from = m_pos;
        size_t i = m_pos + 1;
        GumboTag tag = GUMBO_TAG_UNKNOWN;
        if (!tagName(i, tag))
            return false;
        const char* name = m_src + from + 1;
        const size_t nameLength = i - from - 1;
        m_pos = i;
        bool selfClosing = false;
        if (!attributes(selfClosing))
            return false;
        const Kind kind = kKinds[size_t(tag)];
        const bool isVoid = kind == Kind::Void || kind == Kind::Rule || kind == Kind::Column;
        if ((selfClosing && !isVoid) || !insertsPlainly(kind))
            return false;
        if (!isVoid && m_stack.size() >= size_t(kMaxHtmlNesting))
            return false;
        flushText();
        GumboNode* node = newElement(tag, from, m_pos);
        if (!m_attributes.empty()) {
            auto** data = static_cast<void**>(m_arena.allocate(m_attributes.size() * sizeof(void*)));
            for (size_t a = 0; a < m_attributes.size(); ++a)
                data[a] = m_attributes[a];
            node->v.element.attributes = {data, unsigned(m_attributes.size()), unsigned(m_attributes.size())};
        }
        appendTo(current(), node);
        if (!isVoid) {
            m_stack.push_back({node, tag, name, nameLength});
            if (tag == GUMBO_TAG_P)
                ++m_openParagraphs;
            else if (tag == GUMBO_TAG_RUBY)
                ++m_openRuby;
        }
        m_ignoreLinefeed = tag == GUMBO_TAG_PRE;
        return true;
    }

    bool endTag()
    {
        const size_t from = m_pos;
        size_t i = m_pos + 2;
        if (i >= m_size || !isAsciiAlpha(m_src[i]))
            return false;
        GumboTag tag = GUMBO_TAG_UNKNOWN;
        if (!tagName(i, tag) || m_src[i] != '>' || m_stack.empty())
            return false; // "</p >", attributes in an end tag, or nothing open
        const OpenElement& open = m_stack.back();
        if (open.tag != tag)
            return false;
        if (tag == GUMBO_TAG_UNKNOWN) {
            const size_t nameLength = i - from - 2;
            if (nameLength != open.nameLength)
                return false;
            for (size_t k = 0; k < nameLength; ++k) {
                if (asciiLower(m_src[from + 2 + k]) != asciiLower(open.name[k]))
                    return false;
            }
        }
        m_pos = i + 1;
        flushText();
        pop(m_src + from, m_pos - from);
        return true;
    }

    void pop(const char* endTag, size_t length)
    {
        const OpenElement& open = m_stack.back();
        if (endTag) {
            open.node->v.element.original_end_tag = {endTag, length};
            open.node->v.element.end_pos = position(size_t(endTag - m_src));
        } else {
            open.node->v.element.end_pos = position(m_size); // popped at the end of the input
        }
        if (open.tag == GUMBO_TAG_P)
            --m_openParagraphs;
        else if (open.tag == GUMBO_TAG_RUBY)
            --m_openRuby;
        m_stack.pop_back();
    }

    const char* m_src;
    size_t m_size;
    size_t m_pos;
    HtmlArena& m_arena;
    GumboNode* m_body = nullptr;
    std::vector<GumboNode*> m_nodes; // every node of the fragment, parents before children
    std::vector<OpenElement> m_stack;
    std::vector<GumboAttribute*> m_attributes;
    std::string m_text; // the text node being collected
    size_t m_textStart = 0;
    size_t m_textEnd = 0;
    bool m_textIsWhitespace = true;
    std::string m_scratch;
    int m_openParagraphs = 0;
    int m_openRuby = 0;
    bool m_ignoreLinefeed = false;
};

} // namespace

GumboNode* parseHtmlFastPath(const char* source, size_t size, size_t fragmentStart, HtmlArena& arena)
{
    return FastParser(source, size, fragmentStart, arena).run();
}

} // namespace folio
