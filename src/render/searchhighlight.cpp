#include "render/searchhighlight.h"

#include <QList>
#include <QStringView>

#include <algorithm>

namespace folio {

namespace {

// Text of a text node with its character references decoded, and for each decoded character where its source
// starts and ends in the HTML, so a match found in the text maps back to whole references.
struct DecodedText {
    QString text;
    QList<qsizetype> from; // source offset of each decoded character
    QList<qsizetype> to;   // source offset just after it
};

bool decodeReference(QStringView ref, QString& out)
{
    // `ref` is what stands between '&' and ';'.
    if (ref == u"amp")
        out = QStringLiteral("&");
    else if (ref == u"lt")
        out = QStringLiteral("<");
    else if (ref == u"gt")
        out = QStringLiteral(">");
    else if (ref == u"quot")
        out = QStringLiteral("\"");
    else if (ref == u"apos")
        out = QStringLiteral("'");
    else if (ref == u"nbsp")
        out = QString(QChar(0xA0));
    else if (ref.startsWith(u'#')) {
        bool ok = false;
        const bool hex = ref.size() > 1 && (ref.at(1) == u'x' || ref.at(1) == u'X');
        const uint code = hex ? ref.mid(2).toUInt(&ok, 16) : ref.mid(1).toUInt(&ok, 10);
        if (!ok || code == 0 || code > 0x10FFFF)
            return false;
        const char32_t c = code;
        out = QString::fromUcs4(&c, 1);
    } else {
        return false;
    }
    return true;
}

DecodedText decode(QStringView html, qsizetype begin, qsizetype end)
{
    DecodedText d;
    for (qsizetype i = begin; i < end;) {
        if (html.at(i) == u'&') {
            const qsizetype semi = html.indexOf(u';', i + 1);
            QString value;
            if (semi > i && semi < end && semi - i <= 12 && decodeReference(html.mid(i + 1, semi - i - 1), value)) {
                for (const QChar c : value) {
                    d.text += c;
                    d.from << i;
                    d.to << semi + 1;
                }
                i = semi + 1;
                continue;
            }
        }
        d.text += html.at(i);
        d.from << i;
        d.to << i + 1;
        ++i;
    }
    return d;
}

struct Range {
    qsizetype begin;
    qsizetype end;
};

// Where the terms occur in `text`, overlaps merged, in order.
QList<Range> matches(const QString& text, const QStringList& terms)
{
    QList<Range> found;
    for (const QString& term : terms) {
        for (qsizetype at = text.indexOf(term, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(term, at + term.size(), Qt::CaseInsensitive))
            found.append({at, at + term.size()});
    }
    std::sort(found.begin(), found.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
    QList<Range> merged;
    for (const Range& r : found) {
        if (!merged.isEmpty() && r.begin <= merged.back().end)
            merged.back().end = std::max(merged.back().end, r.end);
        else
            merged.append(r);
    }
    return merged;
}

void appendMarked(QString& out, QStringView html, qsizetype begin, qsizetype end, const QStringList& terms)
{
    const DecodedText d = decode(html, begin, end);
    qsizetype copied = begin;
    for (const Range& r : matches(d.text, terms)) {
        const qsizetype from = d.from.at(r.begin), to = d.to.at(r.end - 1);
        out += html.mid(copied, from - copied);
        out += u"<mark class=\"search-hit\">";
        out += html.mid(from, to - from);
        out += u"</mark>";
        copied = to;
    }
    out += html.mid(copied, end - copied);
}

// The tag starting at `lt` ('<'; sanitized HTML escapes every other '<'): its lower-case name (empty for a
// comment or doctype), whether it closes, and where it ends.
struct Tag {
    QString name;
    bool closing = false;
    bool isMath = false; // an opening <span> whose class list holds "math"
    qsizetype end = 0;   // just after '>'
};

Tag readTag(QStringView html, qsizetype lt)
{
    Tag tag;
    qsizetype i = lt + 1;
    if (html.mid(lt, 4) == u"<!--") {
        const qsizetype close = html.indexOf(u"-->", lt + 4);
        tag.end = close < 0 ? html.size() : close + 3;
        return tag;
    }
    if (i < html.size() && (html.at(i) == u'!' || html.at(i) == u'?')) {
        const qsizetype close = html.indexOf(u'>', lt);
        tag.end = close < 0 ? html.size() : close + 1;
        return tag;
    }
    if (i < html.size() && html.at(i) == u'/') {
        tag.closing = true;
        ++i;
    }
    const qsizetype nameStart = i;
    while (i < html.size() && (html.at(i).isLetterOrNumber() || html.at(i) == u'-'))
        ++i;
    tag.name = html.mid(nameStart, i - nameStart).toString().toLower();
    // Attribute values may hold '>': skip quoted runs.
    QChar quote;
    qsizetype classAt = -1;
    for (; i < html.size(); ++i) {
        const QChar c = html.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'"' || c == u'\'')
            quote = c;
        else if (c == u'>')
            break;
        else if (classAt < 0 && html.mid(i, 6).compare(u"class=", Qt::CaseInsensitive) == 0)
            classAt = i + 6;
    }
    tag.end = i < html.size() ? i + 1 : html.size();
    if (!tag.closing && tag.name == u"span" && classAt >= 0) {
        QStringView value = html.mid(classAt, tag.end - classAt);
        const QChar q = value.isEmpty() ? QChar() : value.front();
        if (q == u'"' || q == u'\'') {
            value = value.mid(1);
            value = value.left(std::max<qsizetype>(0, value.indexOf(q)));
        } else {
            qsizetype stop = 0;
            while (stop < value.size() && !value.at(stop).isSpace() && value.at(stop) != u'>')
                ++stop;
            value = value.left(stop);
        }
        for (const QStringView word : value.split(u' ', Qt::SkipEmptyParts))
            tag.isMath = tag.isMath || word == u"math";
    }
    return tag;
}

} // namespace

QString highlightSearchTerms(const QString& html, const QStringList& terms)
{
    QStringList wanted;
    for (const QString& term : terms) {
        if (!term.trimmed().isEmpty())
            wanted << term.trimmed();
    }
    if (wanted.isEmpty())
        return html;

    QString out;
    out.reserve(html.size() + html.size() / 8);
    const QStringView view(html);
    int mathDepth = 0; // open spans since a math span opened (0: outside math)
    int preDepth = 0;
    int rawDepth = 0; // script, style, textarea, title: text that is not shown as text
    qsizetype i = 0;
    while (i < view.size()) {
        const qsizetype lt = view.indexOf(u'<', i);
        const qsizetype textEnd = lt < 0 ? view.size() : lt;
        if (textEnd > i) {
            if (mathDepth == 0 && preDepth == 0 && rawDepth == 0)
                appendMarked(out, view, i, textEnd, wanted);
            else
                out += view.mid(i, textEnd - i);
        }
        if (lt < 0)
            break;
        const Tag tag = readTag(view, lt);
        out += view.mid(lt, tag.end - lt);
        i = tag.end;
        if (tag.name == u"span") {
            if (mathDepth > 0)
                mathDepth += tag.closing ? -1 : 1;
            else if (tag.isMath)
                mathDepth = 1;
        } else if (tag.name == u"pre") {
            preDepth = std::max(0, preDepth + (tag.closing ? -1 : 1));
        } else if (tag.name == u"script" || tag.name == u"style" || tag.name == u"textarea" || tag.name == u"title") {
            rawDepth = std::max(0, rawDepth + (tag.closing ? -1 : 1));
        }
    }
    return out;
}

} // namespace folio
