#include "parse/htmltext.h"

#include "parse/htmlentities.h"

#include <QRegularExpression>

namespace folio {

namespace {

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char(':') || c == QLatin1Char('_');
}

// Where the tag starting at `lt` ends (index after '>'), skipping '>' inside quoted attribute values; -1 when it
// never ends.
qsizetype tagEnd(QStringView html, qsizetype lt)
{
    QChar quote;
    for (qsizetype i = lt + 1; i < html.size(); ++i) {
        const QChar c = html[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            // Only a quote right after '=' opens a value; "don't" in broken markup must not swallow the page.
            qsizetype j = i - 1;
            while (j > lt && html[j].isSpace())
                --j;
            if (html[j] == QLatin1Char('='))
                quote = c;
        } else if (c == QLatin1Char('>')) {
            return i + 1;
        }
    }
    return -1;
}

bool isBlockTag(QStringView name)
{
    static const char* const kBlocks[] = {"p",          "br",    "div", "li",         "ul",      "ol",      "h1",
                                          "h2",         "h3",    "h4",  "h5",         "h6",      "tr",      "td",
                                          "th",         "hr",    "pre", "blockquote", "section", "article", "figure",
                                          "figcaption", "table", "dd",  "dt",         "header",  "footer"};
    for (const char* block : kBlocks) {
        if (name.compare(QLatin1StringView(block), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// htmlToPlainText, reading on only while less than `limit` characters of raw text (entities not decoded yet) were
// collected; all of it when `limit` is negative.
QString plainText(QStringView html, qsizetype limit)
{
    QString text;
    text.reserve(limit < 0 ? html.size() : qMin(html.size(), limit + 1024));
    qsizetype i = 0;
    const qsizetype n = html.size();
    while (i < n && (limit < 0 || text.size() < limit)) {
        const qsizetype lt = html.indexOf(QLatin1Char('<'), i);
        if (lt < 0) {
            text.append(html.mid(i));
            break;
        }
        text.append(html.mid(i, lt - i));
        i = lt;
        const QStringView rest = html.mid(lt);
        if (rest.startsWith(u"<!--")) {
            const qsizetype close = html.indexOf(u"-->", lt + 4);
            i = close < 0 ? n : close + 3;
            continue;
        }
        if (rest.startsWith(u"<![CDATA[")) {
            const qsizetype close = html.indexOf(u"]]>", lt + 9);
            text.append(html.mid(lt + 9, (close < 0 ? n : close) - lt - 9));
            i = close < 0 ? n : close + 3;
            continue;
        }
        const bool closing = rest.size() > 1 && rest[1] == QLatin1Char('/');
        const qsizetype nameStart = lt + (closing ? 2 : 1);
        const bool tagLike =
            nameStart < n && (html[nameStart].isLetter() || (!closing && (html[nameStart] == QLatin1Char('!') ||
                                                                          html[nameStart] == QLatin1Char('?'))));
        const qsizetype end = tagLike ? tagEnd(html, lt) : -1;
        if (end < 0) {
            text.append(QLatin1Char('<'));
            ++i;
            continue;
        }
        qsizetype nameEnd = nameStart;
        while (nameEnd < end && isNameChar(html[nameEnd]))
            ++nameEnd;
        const QStringView name = html.mid(nameStart, nameEnd - nameStart);
        i = end;
        if (!closing &&
            (name.compare(u"script", Qt::CaseInsensitive) == 0 || name.compare(u"style", Qt::CaseInsensitive) == 0)) {
            const QString closeTag = QStringLiteral("</") + name.toString();
            const qsizetype close = html.indexOf(closeTag, end, Qt::CaseInsensitive);
            i = close < 0 ? n : (tagEnd(html, close) < 0 ? n : tagEnd(html, close));
            continue;
        }
        if (isBlockTag(name))
            text.append(QLatin1Char(' '));
    }
    return decodeHtmlEntities(text).simplified();
}

} // namespace

QString htmlToPlainText(QStringView html)
{
    return plainText(html, -1);
}

QString htmlExcerpt(QStringView html, qsizetype maxChars)
{
    // An excerpt depends on the first maxChars characters of the text only: read a long article's start, and all
    // of it only when the start held too little text (markup, entities and whitespace shrink it). Only the last
    // characters of the start can differ from the whole text's (an entity or space split where it stopped), so a
    // margin longer than any entity name keeps the excerpt the same.
    constexpr qsizetype kMargin = 64;
    const QString start = plainText(html, 2 * maxChars + 2 * kMargin);
    return excerpt(start.size() >= maxChars + kMargin ? QStringView(start) : QStringView(htmlToPlainText(html)),
                   maxChars);
}

QString excerpt(QStringView plainText, qsizetype maxChars)
{
    QString text = plainText.toString().simplified();
    if (text.size() <= maxChars)
        return text;
    qsizetype cut = maxChars - 1;
    // Do not split a surrogate pair.
    if (cut > 0 && text[cut - 1].isHighSurrogate())
        --cut;
    const qsizetype space = text.lastIndexOf(QLatin1Char(' '), cut);
    // Cut at a space when one is near; CJK text has none, so cut there.
    if (space > maxChars * 3 / 4)
        cut = space;
    return text.left(cut).trimmed() + QChar(0x2026);
}

QString resolveHtmlUrls(const QString& html, const QUrl& base)
{
    if (base.isEmpty() || base.isRelative() || !html.contains(QLatin1Char('=')))
        return html;
    static const QRegularExpression attribute(
        QStringLiteral(R"re(\s(?:src|href|poster)\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'))re"),
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype copied = 0;
    for (auto it = attribute.globalMatch(html); it.hasNext();) {
        const auto m = it.next();
        const int group = m.hasCaptured(1) ? 1 : 2;
        const QString raw = m.captured(group);
        const QString value = decodeHtmlEntities(raw).trimmed();
        if (value.isEmpty() || value.startsWith(QLatin1Char('#')))
            continue;
        const QUrl url(value, QUrl::TolerantMode);
        if (!url.isValid() || !url.isRelative())
            continue;
        out += QStringView(html).mid(copied, m.capturedStart(group) - copied);
        out += escapeHtml(base.resolved(url).toString(QUrl::FullyEncoded));
        copied = m.capturedEnd(group);
    }
    if (copied == 0)
        return html;
    out += QStringView(html).mid(copied);
    return out;
}

QString escapeHtml(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out.append(u"&amp;");
            break;
        case '<':
            out.append(u"&lt;");
            break;
        case '>':
            out.append(u"&gt;");
            break;
        case '"':
            out.append(u"&quot;");
            break;
        default:
            out.append(c);
        }
    }
    return out;
}

QString plainTextToHtml(QStringView text)
{
    static const QRegularExpression blankLines(QStringLiteral(R"(\r?\n[ \t]*\r?\n\s*)"));
    QString html;
    const QString normalized = text.toString().trimmed();
    for (const QString& paragraph : normalized.split(blankLines, Qt::SkipEmptyParts)) {
        QString escaped = escapeHtml(paragraph.trimmed());
        escaped.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        escaped.replace(QLatin1Char('\n'), QStringLiteral("<br>\n"));
        html += QStringLiteral("<p>") + escaped + QStringLiteral("</p>\n");
    }
    return html.trimmed();
}

} // namespace folio
