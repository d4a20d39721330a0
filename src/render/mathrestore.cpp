#include "render/htmlescape.h"
#include "render/mathspans.h"

#include <QStringView>

#include <algorithm>
#include <cstring>

namespace folio {

namespace {

// cmark-gfm's href escaping (houdini): URL-safe characters pass, '&' and '\'' become entities, every other byte
// of the UTF-8 becomes %XX. Restoring with the same rule gives what cmark would have written for the source.
void appendHrefEscaped(QString& out, const QString& text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const char ch : text.toUtf8()) {
        const auto byte = static_cast<unsigned char>(ch);
        const bool alnum = (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z');
        if (alnum || (byte != 0 && std::strchr("-_.+!*(),%#@?=;:/$~", byte) != nullptr)) {
            out += QLatin1Char(ch);
        } else if (byte == '&') {
            out += u"&amp;";
        } else if (byte == '\'') {
            out += u"&#x27;";
        } else {
            out += u'%';
            out += QLatin1Char(hex[byte >> 4]);
            out += QLatin1Char(hex[byte & 0xF]);
        }
    }
}

QString percentEncoded(QChar c)
{
    QString encoded;
    appendHrefEscaped(encoded, QString(c));
    return encoded;
}

// Reads "M<index>" and the closing sentinel at `pos`: the index, with `end` just past the sentinel, or -1.
qsizetype readPlaceholder(QStringView html, qsizetype pos, QStringView close, qsizetype& end)
{
    if (pos >= html.size() || html[pos] != u'M')
        return -1;
    qsizetype p = pos + 1;
    qsizetype index = 0;
    for (; p < html.size() && p - pos <= 9 && html[p] >= u'0' && html[p] <= u'9'; ++p)
        index = index * 10 + (html[p].unicode() - u'0');
    if (p == pos + 1 || !html.mid(p).startsWith(close))
        return -1;
    end = p + close.size();
    return index;
}

// +1 for a tag opening <code> or <pre>, -1 for one closing it, else 0.
int codeTagDelta(QStringView tag)
{
    const bool closing = tag.startsWith(u"</");
    const QStringView name = tag.mid(closing ? 2 : 1);
    for (const QStringView code : {QStringView(u"code"), QStringView(u"pre")}) {
        if (name.startsWith(code) && name.size() > code.size() &&
            (name[code.size()] == u'>' || name[code.size()] == u' '))
            return closing ? -1 : 1;
    }
    return 0;
}

} // namespace

QString restoreMath(const QString& html, const QList<MathSpan>& spans)
{
    if (spans.isEmpty())
        return html;
    QChar open(0xE000);
    QChar close(0xE001);
    if (const QString& first = spans.first().placeholder; first.size() >= 3) {
        open = first.front();
        close = first.back();
    }
    const QString openEncoded = percentEncoded(open);
    const QString closeEncoded = percentEncoded(close);
    const QStringView view(html);

    QString out;
    out.reserve(html.size() + html.size() / 4);
    qsizetype copied = 0;
    // In cmark's output a raw '<' or '>' only ever delimits a tag: text and attribute values carry &lt; &gt;.
    bool inTag = false;
    // Inside <code> or <pre>, math is the text it was written as. Normally no placeholder gets there, but the
    // protected text may parse a little differently (a table whose header now has the right cell count, a
    // display block that swallowed a list item), turning a scanned paragraph line into code.
    int codeDepth = 0;
    for (qsizetype i = 0; i < view.size(); ++i) {
        const QChar c = view[i];
        if (c == u'<' || c == u'>') {
            inTag = c == u'<';
            if (inTag)
                codeDepth = std::max(0, codeDepth + codeTagDelta(view.mid(i)));
            continue;
        }
        qsizetype end = -1;
        qsizetype index = -1;
        const bool encoded = c == u'%' && inTag && view.mid(i).startsWith(openEncoded);
        if (encoded)
            index = readPlaceholder(view, i + openEncoded.size(), closeEncoded, end);
        else if (c == open)
            index = readPlaceholder(view, i + 1, QStringView(&close, 1), end);
        if (index < 0 || index >= spans.size())
            continue;

        const MathSpan& span = spans.at(index);
        out += view.mid(copied, i - copied);
        if (encoded) {
            appendHrefEscaped(out, span.source);
        } else if (inTag || codeDepth > 0) {
            detail::appendHtmlEscaped(out, span.source);
        } else {
            const bool display = span.kind == MathSpan::Kind::Display;
            // Display math that is a whole paragraph stands alone, without the <p> (see mathspans.h).
            const bool alone = display && out.endsWith(u"<p>") && view.mid(end).startsWith(u"</p>");
            if (alone) {
                out.chop(3);
                end += 4;
            }
            out += display ? u"<span class=\"math display\">" : u"<span class=\"math inline\">";
            detail::appendHtmlEscaped(out, span.tex);
            out += u"</span>";
        }
        copied = end;
        i = end - 1;
    }
    out += view.mid(copied);
    return out;
}

} // namespace folio
