// The HTML fast path (htmlfastpath.h) against gumbo: for every input it either gives up or builds the very tree
// gumbo builds. Inputs: every string literal of the render and search tests, hand-written cases for each rule, and
// tens of thousands of generated fragments, well-formed and broken; and the sanitizer's output, which the search
// index parses again, must always take the fast path.

#include "render/gumbotree.h"
#include "render/htmlsanitizer.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cctype>
#include <cstring>
#include <iterator>
#include <random>
#include <vector>

using namespace folio;

namespace {

QByteArray pieceBytes(const GumboStringPiece& piece)
{
    return piece.data ? QByteArray(piece.data, qsizetype(piece.length)) : QByteArray();
}

QString nodeName(const GumboNode* node)
{
    switch (node->type) {
    case GUMBO_NODE_DOCUMENT:
        return QStringLiteral("#document");
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
        if (node->v.element.tag == GUMBO_TAG_UNKNOWN)
            return QString::fromUtf8(pieceBytes(node->v.element.original_tag));
        return QString::fromLatin1(gumbo_normalized_tagname(node->v.element.tag));
    case GUMBO_NODE_TEXT:
        return QStringLiteral("#text");
    case GUMBO_NODE_WHITESPACE:
        return QStringLiteral("#whitespace");
    case GUMBO_NODE_COMMENT:
        return QStringLiteral("#comment");
    case GUMBO_NODE_CDATA:
        return QStringLiteral("#cdata");
    }
    return QStringLiteral("?");
}

QString quoted(const char* s)
{
    return QLatin1Char('"') + QString::fromUtf8(s) + QLatin1Char('"');
}

// The first difference between two trees, as "path: what", or an empty string. Compares what Folio's walkers
// read (node types, tags, namespaces, the start and end tags as written, attributes in order, text, parent links
// and child indexes) and more: text and attributes as written, and the offsets of source positions.
QString treeDifference(const GumboNode* a, const GumboNode* b)
{
    struct Pair {
        const GumboNode* a;
        const GumboNode* b;
        QString path;
    };
    std::vector<Pair> pending{{a, b, nodeName(a)}};
    while (!pending.empty()) {
        const Pair p = pending.back();
        pending.pop_back();
        auto differ = [&](const QString& what) -> QString { return p.path + QStringLiteral(": ") + what; };
        if (p.a->type != p.b->type)
            return differ(QStringLiteral("type %1 vs %2").arg(p.a->type).arg(p.b->type));
        if (p.a->type != GUMBO_NODE_DOCUMENT && p.a->index_within_parent != p.b->index_within_parent)
            return differ(QStringLiteral("index_within_parent"));
        if (p.a->type == GUMBO_NODE_ELEMENT || p.a->type == GUMBO_NODE_TEMPLATE) {
            const GumboElement& x = p.a->v.element;
            const GumboElement& y = p.b->v.element;
            if (x.tag != y.tag || x.tag_namespace != y.tag_namespace)
                return differ(QStringLiteral("tag %1 vs %2").arg(nodeName(p.a), nodeName(p.b)));
            if (pieceBytes(x.original_tag) != pieceBytes(y.original_tag))
                return differ(QStringLiteral("original_tag ") + QString::fromUtf8(pieceBytes(x.original_tag)) +
                              QStringLiteral(" vs ") + QString::fromUtf8(pieceBytes(y.original_tag)));
            if (pieceBytes(x.original_end_tag) != pieceBytes(y.original_end_tag))
                return differ(QStringLiteral("original_end_tag ") + QString::fromUtf8(pieceBytes(x.original_end_tag)) +
                              QStringLiteral(" vs ") + QString::fromUtf8(pieceBytes(y.original_end_tag)));
            if (x.start_pos.offset != y.start_pos.offset)
                return differ(QStringLiteral("start offset %1 vs %2").arg(x.start_pos.offset).arg(y.start_pos.offset));
            if (x.end_pos.offset != y.end_pos.offset)
                return differ(QStringLiteral("end offset %1 vs %2").arg(x.end_pos.offset).arg(y.end_pos.offset));
            if (x.attributes.length != y.attributes.length)
                return differ(QStringLiteral("%1 vs %2 attributes").arg(x.attributes.length).arg(y.attributes.length));
            for (unsigned i = 0; i < x.attributes.length; ++i) {
                const auto* s = static_cast<const GumboAttribute*>(x.attributes.data[i]);
                const auto* t = static_cast<const GumboAttribute*>(y.attributes.data[i]);
                if (s->attr_namespace != t->attr_namespace || std::strcmp(s->name, t->name) != 0)
                    return differ(
                        QStringLiteral("attribute %1 name %2 vs %3").arg(i).arg(quoted(s->name), quoted(t->name)));
                if (pieceBytes(s->original_name) != pieceBytes(t->original_name) ||
                    pieceBytes(s->original_value) != pieceBytes(t->original_value))
                    return differ(QStringLiteral("attribute %1 as written: %2=%3 vs %4=%5")
                                      .arg(QString::number(i), QString::fromUtf8(pieceBytes(s->original_name)),
                                           QString::fromUtf8(pieceBytes(s->original_value)),
                                           QString::fromUtf8(pieceBytes(t->original_name)),
                                           QString::fromUtf8(pieceBytes(t->original_value))));
                // (A valueless attribute's value positions are left over from an earlier one in gumbo.)
                const bool valueless = t->original_value.data == t->original_name.data;
                if (s->name_start.offset != t->name_start.offset || s->name_end.offset != t->name_end.offset ||
                    (!valueless &&
                     (s->value_start.offset != t->value_start.offset || s->value_end.offset != t->value_end.offset)))
                    return differ(QStringLiteral("attribute %1 offsets %2 %3 %4 %5 vs %6 %7 %8 %9")
                                      .arg(i)
                                      .arg(s->name_start.offset)
                                      .arg(s->name_end.offset)
                                      .arg(s->value_start.offset)
                                      .arg(s->value_end.offset)
                                      .arg(t->name_start.offset)
                                      .arg(t->name_end.offset)
                                      .arg(t->value_start.offset)
                                      .arg(t->value_end.offset));
                if (std::strcmp(s->value, t->value) != 0)
                    return differ(QStringLiteral("attribute %1 value %2 vs %3")
                                      .arg(QString::fromUtf8(s->name), quoted(s->value), quoted(t->value)));
            }
        } else if (p.a->type != GUMBO_NODE_DOCUMENT) {
            if (pieceBytes(p.a->v.text.original_text) != pieceBytes(p.b->v.text.original_text))
                return differ(QStringLiteral("original_text ") +
                              QString::fromUtf8(pieceBytes(p.a->v.text.original_text)) + QStringLiteral(" vs ") +
                              QString::fromUtf8(pieceBytes(p.b->v.text.original_text)));
            if (p.a->v.text.start_pos.offset != p.b->v.text.start_pos.offset)
                return differ(QStringLiteral("text offset %1 vs %2")
                                  .arg(p.a->v.text.start_pos.offset)
                                  .arg(p.b->v.text.start_pos.offset));
            if (std::strcmp(p.a->v.text.text, p.b->v.text.text) != 0)
                return differ(QStringLiteral("text %1 vs %2").arg(quoted(p.a->v.text.text), quoted(p.b->v.text.text)));
        }
        const GumboVector& xs = gumboChildren(p.a);
        const GumboVector& ys = gumboChildren(p.b);
        if (xs.length != ys.length)
            return differ(QStringLiteral("%1 vs %2 children").arg(xs.length).arg(ys.length));
        for (unsigned i = xs.length; i-- > 0;) {
            const auto* x = static_cast<const GumboNode*>(xs.data[i]);
            const auto* y = static_cast<const GumboNode*>(ys.data[i]);
            if (x->parent != p.a || y->parent != p.b || x->index_within_parent != i)
                return differ(QStringLiteral("child %1 parent link").arg(i));
            pending.push_back({x, y, p.path + QLatin1Char('/') + nodeName(x) + QStringLiteral("[%1]").arg(i)});
        }
    }
    return {};
}

struct Outcome {
    bool fast = false;
    QString difference; // empty when the fast path gave up or built gumbo's tree
};

// Parses `html` both ways and compares the whole documents.
Outcome compareWithGumbo(const QByteArray& html)
{
    const GumboFragment fast(html);
    if (!fast.usedFastPath())
        return {};
    if (GumboFragment::fastPathAccepts(html) != true)
        return {true, QStringLiteral("fastPathAccepts disagrees")};
    const GumboFragment gumbo(html, GumboFragment::Parser::Gumbo);
    if (gumbo.usedFastPath())
        return {true, QStringLiteral("Parser::Gumbo used the fast path")};
    return {true, treeDifference(fast.root()->parent->parent, gumbo.root()->parent->parent)};
}

// What is wrong with sanitizeHtml(html) as the fast path sees it: it must build gumbo's tree and take it (it is the
// text every search indexing parses). Empty when nothing is.
QString sanitizedProblem(const QByteArray& html)
{
    const QByteArray sanitized = sanitizeHtml(QString::fromUtf8(html)).toUtf8();
    const Outcome outcome = compareWithGumbo(sanitized);
    if (!outcome.difference.isEmpty())
        return QString::fromUtf8(sanitized) + QStringLiteral("\n→ ") + outcome.difference;
    if (!outcome.fast)
        return QStringLiteral("sanitized output not taken: ") + QString::fromUtf8(sanitized) +
               QStringLiteral("\nfrom ") + QString::fromUtf8(html);
    return {};
}

// The string literals of a C++ file (adjacent ones joined), escapes decoded, as UTF-8.
QList<QByteArray> stringLiterals(const QByteArray& source)
{
    QList<QByteArray> out;
    QByteArray current;
    bool joinable = false; // only whitespace since the last literal
    auto flush = [&] {
        if (joinable)
            out.append(current);
        current.clear();
        joinable = false;
    };
    const qsizetype n = source.size();
    qsizetype i = 0;
    while (i < n) {
        const char c = source[i];
        if (c == '/' && i + 1 < n && source[i + 1] == '/') {
            i = source.indexOf('\n', i);
            if (i < 0)
                break;
            continue;
        }
        if (c == '/' && i + 1 < n && source[i + 1] == '*') {
            const qsizetype end = source.indexOf("*/", i + 2);
            i = end < 0 ? n : end + 2;
            continue;
        }
        if (c == '\'') { // a character literal
            i += (i + 1 < n && source[i + 1] == '\\') ? 4 : 3;
            while (i < n && source[i - 1] != '\'')
                ++i;
            flush();
            continue;
        }
        if (c == 'R' && i + 1 < n && source[i + 1] == '"') {
            const qsizetype open = source.indexOf('(', i + 2);
            const QByteArray delimiter = QByteArray(")") + source.mid(i + 2, open - i - 2) + QByteArray("\"");
            const qsizetype close = source.indexOf(delimiter, open + 1);
            if (open < 0 || close < 0)
                break;
            current += source.mid(open + 1, close - open - 1);
            joinable = true;
            i = close + delimiter.size();
            continue;
        }
        if (c == '"') {
            ++i;
            while (i < n && source[i] != '"') {
                if (source[i] != '\\') {
                    current += source[i++];
                    continue;
                }
                const char e = source[i + 1];
                i += 2;
                switch (e) {
                case 'n':
                    current += '\n';
                    break;
                case 't':
                    current += '\t';
                    break;
                case 'r':
                    current += '\r';
                    break;
                case 'f':
                    current += '\f';
                    break;
                case '0':
                    current += '\0';
                    break;
                case 'x': {
                    qsizetype j = i;
                    while (j < n && j - i < 2 && std::isxdigit(static_cast<unsigned char>(source[j])))
                        ++j;
                    current += char(source.mid(i, j - i).toInt(nullptr, 16));
                    i = j;
                    break;
                }
                case 'u':
                case 'U': {
                    const int digits = e == 'u' ? 4 : 8;
                    const char32_t cp = char32_t(source.mid(i, digits).toUInt(nullptr, 16));
                    current += QString::fromUcs4(&cp, 1).toUtf8();
                    i += digits;
                    break;
                }
                default:
                    current += e;
                }
            }
            ++i;
            joinable = true;
            continue;
        }
        if (!(c == ' ' || c == '\n' || c == '\t'))
            flush();
        ++i;
    }
    flush();
    return out;
}

// Every literal of the render and search tests that looks like HTML.
QList<QByteArray> testHtmlLiterals()
{
    QList<QByteArray> out;
    const QString root = QStringLiteral(FOLIO_TEST_DATA) + QStringLiteral("/..");
    for (const QString& dir : {QStringLiteral("render"), QStringLiteral("storage")}) {
        const QDir d(root + QLatin1Char('/') + dir);
        for (const QString& name : d.entryList({QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files)) {
            if (name == QLatin1String("tst_htmlfastpath.cpp"))
                continue;
            QFile file(d.filePath(name));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            for (const QByteArray& literal : stringLiterals(file.readAll())) {
                if (literal.contains('<') || literal.contains('&'))
                    out.append(literal);
            }
        }
    }
    return out;
}

// Random fragments from a vocabulary of elements, attributes, references, whitespace and text.
class FragmentGenerator {
public:
    explicit FragmentGenerator(unsigned seed)
        : m_rng(seed)
    {
    }

    // A well-formed fragment; with `unsupported`, some elements the fast path does not know (raw text, foreign,
    // forms) are mixed in.
    QByteArray wellFormed(bool unsupported)
    {
        m_unsupported = unsupported;
        m_inAnchor = false;
        QByteArray out;
        flow(out, 0);
        return out;
    }

    // A well-formed fragment with a few random breakages.
    QByteArray broken()
    {
        QByteArray out = wellFormed(false);
        static const char* const kBreakages[] = {"<p>",
                                                 "</p>",
                                                 "<div>",
                                                 "</div>",
                                                 "<li>",
                                                 "<tr>",
                                                 "<td>",
                                                 "</td>",
                                                 "</br>",
                                                 "<table><tr>",
                                                 "x",
                                                 "<p><div>",
                                                 "&copy",
                                                 "AT&T",
                                                 "&bogus;",
                                                 "&#0;",
                                                 "&#x80;",
                                                 "\r\n",
                                                 "<br/>",
                                                 "<div/>",
                                                 "<span/>",
                                                 "<a>",
                                                 "<h2>",
                                                 "</span>",
                                                 "<!-->",
                                                 "<!--->",
                                                 "<!-- a -- b -->",
                                                 "<!DOCTYPE html>",
                                                 "<?php ?>",
                                                 "<![CDATA[x]]>",
                                                 "< b",
                                                 "<",
                                                 "&",
                                                 "</ div>",
                                                 "</p >",
                                                 "<dd>",
                                                 "<a href=x href=y>",
                                                 "<b a=1 a=2>",
                                                 "\xC3",
                                                 "\xED\xA0\x80",
                                                 "<caption>",
                                                 "<col>",
                                                 "<tbody>",
                                                 "<img src=a/>",
                                                 "<pre>\n",
                                                 "<nobr>",
                                                 "<select>",
                                                 "<script>",
                                                 "\xEF\xBF\xBE",
                                                 "\xC2\x85",
                                                 "&Tab;",
                                                 "&#32;",
                                                 "<input>",
                                                 "<hr/>"};
        const int count = 1 + pick(3);
        for (int k = 0; k < count; ++k) {
            const int what = pick(4);
            const qsizetype at = out.isEmpty() ? 0 : pick(int(out.size()) + 1);
            if (what == 0) {
                out.insert(at, kBreakages[pick(int(std::size(kBreakages)))]);
            } else if (what == 1) { // drop a tag
                const qsizetype lt = out.indexOf('<', at);
                const qsizetype gt = lt < 0 ? -1 : out.indexOf('>', lt);
                if (gt > lt)
                    out.remove(lt, gt - lt + 1);
            } else if (what == 2) {
                out.truncate(at);
            } else { // swap two tags
                const qsizetype lt1 = out.indexOf('<', at);
                const qsizetype gt1 = lt1 < 0 ? -1 : out.indexOf('>', lt1);
                const qsizetype lt2 = gt1 < 0 ? -1 : out.indexOf('<', gt1);
                const qsizetype gt2 = lt2 < 0 ? -1 : out.indexOf('>', lt2);
                if (gt2 > lt2) {
                    const QByteArray first = out.mid(lt1, gt1 - lt1 + 1);
                    const QByteArray second = out.mid(lt2, gt2 - lt2 + 1);
                    out.replace(lt2, second.size(), first);
                    out.replace(lt1, first.size(), second);
                }
            }
        }
        return out;
    }

private:
    int pick(int n) { return int(m_rng() % unsigned(n)); }
    bool chance(int percent) { return pick(100) < percent; }

    QByteArray cased(const char* name)
    {
        QByteArray s(name);
        const int mode = pick(10);
        if (mode == 0)
            return s.toUpper();
        if (mode == 1 && !s.isEmpty())
            s[0] = char(std::toupper(static_cast<unsigned char>(s[0])));
        return s;
    }

    void text(QByteArray& out)
    {
        static const char* const kTexts[] = {"hello",
                                             "world",
                                             " ",
                                             "  ",
                                             "\n",
                                             "\t",
                                             "\n  ",
                                             "&amp;",
                                             "&lt;tag&gt;",
                                             "&nbsp;",
                                             "&eacute;t&eacute;",
                                             "&#169;",
                                             "&#x1F600;",
                                             "&#X263a;",
                                             "\xE4\xB8\xAD\xE6\x96\x87",
                                             "caf\xC3\xA9",
                                             "\xF0\x9F\x98\x80",
                                             "a < b",
                                             "1 &lt; 2",
                                             "x > y",
                                             "&quot;q&quot;",
                                             "&apos;",
                                             "&NotEqualTilde;",
                                             "&fjlig;",
                                             "\f",
                                             "$x^2$",
                                             "AT&amp;T",
                                             "it's",
                                             "\"quoted\"",
                                             "a=b",
                                             "&hellip;",
                                             "\xC2\xA0",
                                             "&#8212;",
                                             "&#39;",
                                             "Q&A time"};
        out += kTexts[pick(int(std::size(kTexts)))];
    }

    void attributes(QByteArray& out)
    {
        static const char* const kAttributes[] = {" class=\"x y\"",
                                                  " id=a1",
                                                  " href=\"https://e.example/?a=1&amp;b=2\"",
                                                  " title='it&apos;s'",
                                                  " data-x",
                                                  " DATA-UP=\"X\"",
                                                  " alt=\"a &quot;b&quot;\"",
                                                  " width=10",
                                                  " lang=\"zh-CN\"",
                                                  " style=\"color: red\"",
                                                  " data-empty=\"\"",
                                                  " data-n = \"spaced\"",
                                                  " data-lines=\"a\nb\"",
                                                  " src=/img.png",
                                                  " data-refs=\"&lt;b&gt; &#x26; &eacute;\"",
                                                  " Data-Mixed='V'",
                                                  " data-q=\"?a=1&b=2\"",
                                                  " aria-label=\"\xE4\xB8\xAD\"",
                                                  " open"};
        const int count = pick(4);
        int used = 0;
        for (int k = 0; k < count; ++k) {
            const int index = pick(int(std::size(kAttributes)));
            if (used & (1 << index))
                continue;
            used |= 1 << index;
            out += kAttributes[index];
        }
    }

    void element(QByteArray& out, const char* name, int depth, void (FragmentGenerator::*content)(QByteArray&, int))
    {
        const QByteArray tag = cased(name);
        out += '<' + tag;
        attributes(out);
        out += '>';
        (this->*content)(out, depth + 1);
        out += "</" + (chance(80) ? tag : cased(name)) + '>';
    }

    void voidElement(QByteArray& out)
    {
        static const char* const kVoid[] = {"br", "img", "wbr", "input", "hr"};
        const char* name = kVoid[pick(int(std::size(kVoid)) - 1)];
        out += '<' + cased(name);
        if (std::strcmp(name, "input") == 0)
            out += " type=\"checkbox\"";
        else
            attributes(out);
        out += chance(30) ? (chance(50) ? "/>" : " />") : ">";
    }

    bool unsupportedElement(QByteArray& out)
    {
        if (!m_unsupported || !chance(4))
            return false;
        static const char* const kUnsupported[] = {"<script>if (a < b) x();</script>",
                                                   "<style>p > a { color: red }</style>",
                                                   "<textarea>\n<b>not bold</b></textarea>",
                                                   "<title>t</title>",
                                                   "<xmp><i>x</i></xmp>",
                                                   "<iframe src=x></iframe>",
                                                   "<noscript><p>x</p></noscript>",
                                                   "<svg><circle r=1 /></svg>",
                                                   "<math><mi>x</mi></math>",
                                                   "<select><option>a<option>b</select>",
                                                   "<form><input></form>",
                                                   "<button>b</button>",
                                                   "<template><p>t</p></template>",
                                                   "<nobr>n</nobr>",
                                                   "<object>o</object>",
                                                   "<marquee>m</marquee>",
                                                   "<listing>\nl</listing>",
                                                   "<plaintext>"};
        out += kUnsupported[pick(int(std::size(kUnsupported)))];
        return true;
    }

    void phrasing(QByteArray& out, int depth)
    {
        static const char* const kInline[] = {"span", "em",  "strong",   "b",         "i",    "code", "u",
                                              "s",    "sub", "sup",      "small",     "mark", "q",    "abbr",
                                              "cite", "kbd", "x-custom", "my-widget", "font", "tt",   "a"};
        const int count = pick(depth > 6 ? 2 : 5);
        for (int k = 0; k < count; ++k) {
            const int what = pick(10);
            if (unsupportedElement(out))
                continue;
            if (what < 4 || depth > 10) {
                text(out);
            } else if (what < 7) {
                const char* name = kInline[pick(int(std::size(kInline)))];
                const bool anchor = std::strcmp(name, "a") == 0;
                if (anchor && m_inAnchor)
                    name = "span";
                if (anchor && !m_inAnchor) {
                    m_inAnchor = true;
                    element(out, name, depth, &FragmentGenerator::phrasing);
                    m_inAnchor = false;
                } else {
                    element(out, name, depth, &FragmentGenerator::phrasing);
                }
            } else if (what == 7) {
                voidElement(out);
            } else if (what == 8) {
                out += chance(50) ? "<!-- note -->" : "<!--x-->";
            } else {
                out += "<ruby>";
                text(out);
                out += "<rt>";
                text(out);
                out += "</rt></ruby>";
            }
        }
    }

    void list(QByteArray& out, int depth)
    {
        const bool definitions = chance(25);
        const QByteArray tag = cased(definitions ? "dl" : (chance(50) ? "ul" : "ol"));
        out += '<' + tag + '>';
        const int count = 1 + pick(3);
        for (int k = 0; k < count; ++k) {
            if (chance(40))
                out += "\n  ";
            if (definitions)
                element(out, chance(50) ? "dt" : "dd", depth + 1, &FragmentGenerator::flow);
            else
                element(out, "li", depth + 1, &FragmentGenerator::flow);
        }
        out += "</" + tag + '>';
    }

    void tableSpace(QByteArray& out)
    {
        if (chance(40))
            out += chance(50) ? "\n" : "\n  ";
        if (chance(5))
            out += "<!-- t -->";
    }

    void table(QByteArray& out, int depth)
    {
        out += '<' + cased("table") + '>';
        tableSpace(out);
        if (chance(20)) {
            element(out, "caption", depth + 1, &FragmentGenerator::phrasing);
            tableSpace(out);
        }
        if (chance(15)) {
            out += "<colgroup>";
            tableSpace(out);
            out += chance(50) ? "<col>" : "<col span=2/>";
            tableSpace(out);
            out += "</colgroup>";
            tableSpace(out);
        }
        const int sections = 1 + pick(2);
        for (int s = 0; s < sections; ++s) {
            const char* section = s == 0 && chance(30) ? "thead" : (chance(80) ? "tbody" : "tfoot");
            out += '<' + cased(section) + '>';
            tableSpace(out);
            const int rows = 1 + pick(3);
            for (int r = 0; r < rows; ++r) {
                out += "<tr>";
                tableSpace(out);
                const int cells = 1 + pick(3);
                for (int c = 0; c < cells; ++c) {
                    element(out, chance(20) ? "th" : "td", depth + 3, &FragmentGenerator::flow);
                    tableSpace(out);
                }
                out += "</tr>";
                tableSpace(out);
            }
            out += "</" + QByteArray(section) + '>';
            tableSpace(out);
        }
        out += "</table>";
    }

    void flow(QByteArray& out, int depth)
    {
        static const char* const kBlocks[] = {"div",        "section", "blockquote", "article", "header",  "footer",
                                              "figure",     "aside",   "nav",        "main",    "details", "center",
                                              "figcaption", "summary", "address",    "hgroup"};
        const int count = pick(depth > 6 ? 2 : 5);
        for (int k = 0; k < count; ++k) {
            if (unsupportedElement(out))
                continue;
            const int what = pick(12);
            if (what < 3 || depth > 10) {
                phrasing(out, depth);
            } else if (what < 5) {
                element(out, "p", depth, &FragmentGenerator::phrasing);
            } else if (what < 7) {
                element(out, kBlocks[pick(int(std::size(kBlocks)))], depth, &FragmentGenerator::flow);
            } else if (what == 7) {
                static const char* const kHeadings[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
                element(out, kHeadings[pick(6)], depth, &FragmentGenerator::phrasing);
            } else if (what == 8) {
                out += '<' + cased("pre") + '>';
                if (chance(50))
                    out += chance(50) ? "\n" : "\n\n";
                phrasing(out, depth + 1);
                out += "</pre>";
            } else if (what == 9) {
                list(out, depth);
            } else if (what == 10) {
                if (!m_inAnchor)
                    table(out, depth);
            } else {
                out += chance(50) ? "<hr>" : "\n";
            }
        }
    }

    std::mt19937 m_rng;
    bool m_unsupported = false;
    bool m_inAnchor = false;
};

} // namespace

class TestHtmlFastPath : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void edgeCases_data()
    {
        QTest::addColumn<QByteArray>("html");
        QTest::addColumn<bool>("fast"); // whether the fast path takes it
        auto row = [](const char* name, const char* html, bool fast) {
            QTest::newRow(name) << QByteArray(html) << fast;
        };
        // Taken
        row("empty", "", true);
        row("text", "hello world", true);
        row("whitespace only", " \n\t ", true);
        row("form feed", "a\fb<p>\f</p>", true);
        row("paragraphs", "<p>one</p>\n<p>two <b>bold</b> <i>it</i></p>", true);
        row("uppercase", "<P CLASS=\"X\">a<B>b</B></P><DiV>c</dIv>", true);
        row("unknown elements", "<my-widget data-a=1><x-y>t</x-y></my-widget><Custom-El>c</custom-el>", true);
        row("unclosed at end", "<div><p>open <b>bold", true);
        row("entities in text", "&amp; &lt; &gt; &quot; &nbsp; &eacute; &#169; &#x1F600; &NotEqualTilde; &fjlig;",
            true);
        row("entities in attributes", "<a href=\"?a=1&amp;b=2\" title='&lt;&#x26;&gt;'>x</a>", true);
        row("unquoted attributes", "<img src=a.png alt=x width=10>", true);
        row("valueless attributes", "<details open><summary>s</summary>d</details>", true);
        row("attribute spacing", "<span  class = \"a\"\ntitle='b'\tid=c >x</span>", true);
        row("comments", "a<!-- c -->b<!--x--><p><!---->x</p>", true);
        row("whitespace nodes", "<div>\n  <p>x</p>\n  </div>  ", true);
        row("br forms", "a<br>b<br/>c<br />d<wbr>e<hr/>", true);
        row("img self-closed", "<p><img src=\"x.png\" alt=\"x\"/></p>", true);
        row("task checkbox", "<ul><li><input type=\"checkbox\" checked disabled> done</li></ul>", true);
        row("nested lists", "<ul><li>a<ul><li>b</li></ul></li><li>c<ol><li>d</li></ol></li></ul>", true);
        row("li in div", "<div><li>a</li></div>", true);
        row("li in main in li", "<ul><li><main><li>x</li></main></li></ul>",
            false); // gumbo 0.10.1: main is not special
        row("li in details in li", "<ul><li><details><li>x</li></details></li></ul>", true);
        row("li in summary in li", "<ul><li><summary><li>x</li></summary></li></ul>", true);
        row("li in center in li", "<ul><li><center><li>x</li></center></li></ul>", true);
        row("li in figcaption in li", "<li><figcaption><li>x</li></figcaption></li>", true);
        row("dt in figure in dd", "<dl><dd><figure><dt>x</dt></figure></dd></dl>", true);
        row("li in table cell in li", "<li><table><tbody><tr><td><li>x</li></td></tr></tbody></table></li>", true);
        row("li in div in li", "<ul><li><div><li>x</li></div></li></ul>", false);
        row("li in address in li", "<ul><li><address><li>x</li></address></li></ul>", false);
        row("li in span in li", "<ul><li><span><li>x</li></span></li></ul>", false);
        row("dd in span in dt", "<dl><dt><span><dd>x", false);
        row("rt in span in ruby", "<ruby>a<span><rt>b</rt></span></ruby>", true);
        row("rt in rt", "<ruby>a<rt>b<rt>c</ruby>", false);
        row("rt outside ruby", "<div><rt>x</rt></div>", true);
        row("a after a closed", "<a>x</a><a>y</a>", true);
        row("p after p closed", "<p>x</p><p>y</p>", true);
        row("table in caption", "<table><caption><table></table></caption></table>", true);
        row("definition list", "<dl><dt>t</dt><dd>d<dl><dt>x</dt></dl></dd></dl>", true);
        row("table",
            "<table>\n<caption>c</caption><colgroup><col><col span=2></colgroup>\n<thead><tr><th>h</th></tr>"
            "</thead><tbody>\n<tr>\n<td>a</td> <td><p>b</p></td></tr></tbody><tfoot></tfoot></table>",
            true);
        row("nested table",
            "<table><tbody><tr><td><table><tbody><tr><td>x</td></tr></tbody></table></td></tr>"
            "</tbody></table>",
            true);
        row("table comment", "<table><!-- c --><tbody><!--d--></tbody></table>", true);
        row("pre newline", "<pre>\ncode\n</pre><pre>\n\n</pre><pre>x\n</pre>", true);
        row("pre newline after tag", "<pre><b>\nx</b></pre>", true);
        row("headings", "<h1>a</h1><h2><span>b</span></h2><h3>c<h4>", false);
        row("heading in span in heading", "<h1><span><h2>x</h2></span></h1>", true);
        row("less-than as text", "a < b <3 <= c", true);
        row("ampersand as text", "a & b && c &<b>x</b>", true);
        row("ruby", "<ruby>\xE6\xBC\xA2<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>", true);
        row("anchor in cell in anchor", "<a href=x><table><tbody><tr><td><a>y</a></td></tr></tbody></table></a>", true);
        row("formatting repeated", "<b><b><b><b>x</b></b></b></b>", true);
        row("non-ASCII", "\xE4\xB8\xAD\xE6\x96\x87 caf\xC3\xA9 \xF0\x9F\x98\x80 \xC2\xA0", true);
        row("C1 control", "a\xC2\x85 b", false);
        row("noncharacter", "a\xEF\xBF\xBE b", false);
        // Given up
        row("end tag mismatch", "<div><span>x</div>", false);
        row("stray end tag", "x</span>", false);
        row("p in p", "<p>a<p>b", false);
        row("div in p", "<p><div>x</div></p>", false);
        row("li in li", "<ul><li>a<li>b</ul>", false);
        row("li in li through span", "<li><span><li>x", false);
        row("dd after dt", "<dl><dt>a<dd>b</dl>", false);
        row("heading in heading", "<h1><h2>x</h2></h1>", false);
        row("nested a", "<a>x<a>y</a></a>", false);
        row("tr in table", "<table><tr><td>x</td></tr></table>", false);
        row("td in tbody", "<table><tbody><td>x</td></tbody></table>", false);
        row("col in table", "<table><col></table>", false);
        row("text in table", "<table>x<tbody></tbody></table>", false);
        row("text in tr", "<table><tbody><tr>x</tr></tbody></table>", false);
        row("div in table", "<table><div>x</div></table>", false);
        row("caption outside table", "<caption>x</caption>", false);
        row("br end tag", "a</br>b", false);
        row("p end tag alone", "a</p>b", false);
        row("self-closing div", "<div/>x", false);
        row("self-closing span", "<span/>x", false);
        row("script", "<script>a<b</script>", false);
        row("style", "<style>p{}</style>", false);
        row("textarea", "<textarea>x</textarea>", false);
        row("title", "<title>x</title>", false);
        row("svg", "<svg><rect/></svg>", false);
        row("math", "<math><mi>x</mi></math>", false);
        row("select", "<select><option>x</select>", false);
        row("form", "<form>x</form>", false);
        row("button", "<button>x</button>", false);
        row("template", "<template>x</template>", false);
        row("html tag", "<html>x", false);
        row("body tag", "<body>x", false);
        row("image tag", "<image src=x>", false);
        row("iframe", "<iframe></iframe>", false);
        row("noscript", "<noscript>x</noscript>", false);
        row("plaintext", "<plaintext>x", false);
        row("listing", "<listing>x</listing>", false);
        row("nobr", "<nobr>x</nobr>", false);
        row("doctype", "<!DOCTYPE html>x", false);
        row("cdata", "<![CDATA[x]]>", false);
        row("processing instruction", "<?xml?>x", false);
        row("bogus comment", "<!x>", false);
        row("abrupt comment", "<!-->x", false);
        row("abrupt comment 2", "<!--->x", false);
        row("double dash in comment", "<!-- a -- b -->", false);
        row("comment bang end", "<!-- a --!>", false);
        row("unterminated comment", "<!-- a", false);
        row("end tag bogus", "</ x>", false);
        row("end tag empty", "a</>b", false);
        row("end tag space", "<b>x</b >", false);
        row("CR", "a\r\nb", false);
        row("lone CR", "a\rb", false);
        row("control", "a\x01 b", false);
        row("invalid UTF-8", "a\xC3 b", false);
        row("surrogate UTF-8", "\xED\xA0\x80", false);
        row("duplicate attribute", "<b a=1 A=2>x</b>", false);
        row("legacy entity", "&copy 2024", false);
        row("legacy entity in attribute", "<a href=\"?a&copy=1\">x</a>", false);
        row("unknown entity", "&bogus;", true);
        row("entity in word", "AT&T Inc.", true);
        row("ampersands in a URL", "<a href=\"https://e.example/?a=1&b=2&zz=3\">?x=1&y=2</a>", true);
        row("unknown entity in attribute", "<a title=\"&bogus;\">x</a>", true);
        row("ampersand before digits", "&123 &x9;", true);
        row("legacy prefix", "&notit; &ampx &copy2024 &ltx;", false);
        row("legacy prefix in attribute", "<a href=\"?a&amp=1\">x</a>", false);
        row("legacy prefix in attribute 2", "<a href=\"?a&notanentity=1\">x</a>", false);
        row("ampersand punctuation", "a &- b", false);
        row("ampersand name at end", "a &zz", false);
        row("numeric no semicolon", "&#169 x", false);
        row("numeric zero", "&#0;", false);
        row("numeric C1", "&#x80;", false);
        row("numeric surrogate", "&#xD800;", false);
        row("numeric too big", "&#x110000;", false);
        row("numeric space", "&#32;", false);
        row("numeric newline", "&#10;", false);
        row("named tab", "&Tab;", false);
        row("lt at end", "a<", false);
        row("amp at end", "a&", false);
        row("eof in tag", "<span class=\"x", false);
        row("eof in tag name", "<span", false);
        row("attribute no space", "<b a=\"1\"c=\"2\">x</b>", false);
        row("unquoted with quote", "<b a=x\"y>z</b>", false);
        row("empty unquoted", "<b a=>x</b>", false);
        row("slash in tag", "<b / a=1>x</b>", false);
        row("p closes before table", "<p><table></table>", false);
        row("hr in p", "<p>a<hr>", false);
        row("rt after p in ruby", "<ruby><p>x<rt>y", false);
        row("meta", "<meta charset=utf-8>", false);
        row("link", "<link rel=x>", false);
    }

    void edgeCases()
    {
        QFETCH(QByteArray, html);
        QFETCH(bool, fast);
        const Outcome outcome = compareWithGumbo(html);
        QVERIFY2(outcome.difference.isEmpty(), qPrintable(outcome.difference));
        QCOMPARE(outcome.fast, fast);
    }

    // A new list item closes an open one unless a special element (but address, div, p) comes first: every
    // element the fast path knows, as the one in between.
    void itemBarriers()
    {
        const char* const names[] = {
            "address", "article", "aside",  "blockquote", "center", "details", "dir",  "div",  "dl",      "figcaption",
            "figure",  "footer",  "header", "hgroup",     "main",   "nav",     "ol",   "p",    "section", "summary",
            "ul",      "h1",      "h6",     "pre",        "li",     "dd",      "dt",   "span", "b",       "a",
            "ruby",    "rt",      "x-y",    "font",       "code",   "em",      "table"};
        for (const char* outer : {"li", "dd", "dt"}) {
            for (const char* middle : names) {
                for (const char* inner : {"li", "dd", "dt"}) {
                    const QByteArray html = QByteArray("<") + outer + "><" + middle + "><" + inner + ">x";
                    const Outcome outcome = compareWithGumbo(html);
                    QVERIFY2(outcome.difference.isEmpty(),
                             qPrintable(QString::fromUtf8(html) + QStringLiteral(" → ") + outcome.difference));
                }
            }
        }
    }

    // Every name of the entity table the fast path decodes with, in text and in an attribute, against gumbo's.
    void everyNamedReference()
    {
        QFile file(QStringLiteral(FOLIO_TEST_DATA) + QStringLiteral("/../../src/parse/htmlentities.cpp"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray source = file.readAll();
        int names = 0;
        int fast = 0;
        const QByteArray entry("\x7b\""); // an entry of the table starts with an open brace and a quote
        for (qsizetype at = source.indexOf(entry); at >= 0; at = source.indexOf(entry, at + 1)) {
            const qsizetype end = source.indexOf('"', at + 2);
            const QByteArray name = source.mid(at + 2, end - at - 2);
            const QByteArray html = "<p title=\"&" + name + ";\">a&" + name + ";b</p>";
            const Outcome outcome = compareWithGumbo(html);
            QVERIFY2(outcome.difference.isEmpty(),
                     qPrintable(QString::fromUtf8(html) + QStringLiteral(" → ") + outcome.difference));
            ++names;
            fast += outcome.fast;
        }
        QVERIFY2(names > 2000, qPrintable(QString::number(names)));
        QVERIFY2(fast >= names - 2, qPrintable(QStringLiteral("%1 of %2").arg(fast).arg(names))); // &Tab; &NewLine;
    }

    void nulByte()
    {
        const QByteArray html("a\0b<p>x</p>", 11);
        QVERIFY(!GumboFragment::fastPathAccepts(html));
        QVERIFY(compareWithGumbo(html).difference.isEmpty());
    }

    // The fast path keeps to the sanitizer's nesting limit: deeper, gumbo (after the pre-pass) decides.
    void depthLimit()
    {
        auto nested = [](int depth) {
            QByteArray html;
            for (int i = 0; i < depth; ++i)
                html += "<div>";
            html += "x";
            for (int i = 0; i < depth; ++i)
                html += "</div>";
            return html;
        };
        QVERIFY(GumboFragment::fastPathAccepts(nested(256)));
        QVERIFY(!GumboFragment::fastPathAccepts(nested(257)));
        QVERIFY(compareWithGumbo(nested(256)).difference.isEmpty());
    }

    // Every HTML-looking literal of the other tests: the fast path never differs from gumbo, and the sanitizer's
    // output of each always takes the fast path.
    void existingTestStrings()
    {
        const QList<QByteArray> literals = testHtmlLiterals();
        QVERIFY2(literals.size() > 300, qPrintable(QString::number(literals.size())));
        int fast = 0;
        for (const QByteArray& html : literals) {
            const Outcome outcome = compareWithGumbo(html);
            QVERIFY2(outcome.difference.isEmpty(),
                     qPrintable(QString::fromUtf8(html) + QStringLiteral("\n→ ") + outcome.difference));
            fast += outcome.fast;
            const QString problem = sanitizedProblem(html);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        qInfo("%d literals: %d taken by the fast path as they are, all after sanitizing", int(literals.size()), fast);
    }

    void randomFragments()
    {
        FragmentGenerator generator(20260601);
        constexpr int kEach = 12000;
        int wellFormedFast = 0;
        int supportedFast = 0;
        int supportedCount = 0;
        int brokenFast = 0;
        for (int i = 0; i < 3 * kEach; ++i) {
            const int kind = i % 3; // 0: well-formed, known elements; 1: with unsupported ones; 2: broken
            const QByteArray html = kind == 2 ? generator.broken() : generator.wellFormed(kind == 1);
            const Outcome outcome = compareWithGumbo(html);
            QVERIFY2(outcome.difference.isEmpty(),
                     qPrintable(QString::fromUtf8(html) + QStringLiteral("\n→ ") + outcome.difference));
            if (kind == 0) {
                ++supportedCount;
                supportedFast += outcome.fast;
            }
            if (kind != 2)
                wellFormedFast += outcome.fast;
            else
                brokenFast += outcome.fast;
            const QString problem = sanitizedProblem(html);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
        qInfo("fast path: %d/%d well-formed of known elements, %d/%d well-formed in all, %d/%d broken", supportedFast,
              supportedCount, wellFormedFast, 2 * kEach, brokenFast, kEach);
        // The generator's well-formed fragments of known elements need none of the tree builder's repairs.
        QVERIFY2(supportedFast > supportedCount * 95 / 100, "the fast path turned down well-formed HTML");
        QVERIFY2(wellFormedFast > kEach, "the fast path turned down well-formed HTML");
    }
};

QTEST_GUILESS_MAIN(TestHtmlFastPath)
#include "tst_htmlfastpath.moc"
