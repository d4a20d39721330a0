#include "render/excerpt.h"

#include "render/cmarkdocument.h"
#include "render/htmlescape.h"
#include "render/mathspans.h"
#include "render/mathtext.h"

#include <QRegularExpression>

#include <cmark-gfm.h>

namespace folio {

namespace {

void appendText(cmark_node* node, QString& out)
{
    cmark_iter* iter = cmark_iter_new(node);
    cmark_event_type event;
    int insideImage = 0; // an image's alt text is not prose
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* cur = cmark_iter_get_node(iter);
        const cmark_node_type type = cmark_node_get_type(cur);
        if (type == CMARK_NODE_IMAGE) {
            insideImage += event == CMARK_EVENT_ENTER ? 1 : -1;
            continue;
        }
        if (insideImage > 0)
            continue;
        if (event == CMARK_EVENT_ENTER) {
            if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)
                out += QString::fromUtf8(cmark_node_get_literal(cur));
            else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK)
                out += QLatin1Char(' ');
        } else if (event == CMARK_EVENT_EXIT &&
                   (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM)) {
            out += QLatin1Char(' ');
        }
    }
    cmark_iter_free(iter);
}

bool isCjk(QChar c)
{
    const ushort u = c.unicode();
    return (u >= 0x3000 && u <= 0x9FFF) || (u >= 0xF900 && u <= 0xFAFF) || (u >= 0xFF00 && u <= 0xFFEF);
}

} // namespace

QString truncateText(const QString& text, int maxChars)
{
    if (maxChars <= 0) // QString::left() of a negative count would return the whole text
        return {};
    if (text.size() <= maxChars)
        return text;
    qsizetype cut = maxChars - 1;
    // Do not split a surrogate pair, and prefer to stop at a space or between CJK characters.
    if (cut > 0 && text.at(cut).isLowSurrogate())
        --cut;
    for (qsizetype i = cut; i > maxChars / 2; --i) {
        if (text.at(i).isSpace() || isCjk(text.at(i)) || isCjk(text.at(i - 1))) {
            cut = i;
            break;
        }
    }
    return text.left(cut).trimmed() + QChar(0x2026);
}

QString markdownExcerpt(const QString& markdown, int maxChars)
{
    static const QRegularExpression more(QStringLiteral(R"(<!--\s*more\s*-->)"),
                                         QRegularExpression::CaseInsensitiveOption);
    // Math is protected as in the article, so `_` and `*` inside TeX never turn into emphasis here either.
    const ProtectedMarkdown prepared = protectMath(markdown);
    const auto marker = more.match(prepared.text);
    QString text;
    if (marker.hasMatch()) {
        CmarkDocument doc(prepared.text.left(marker.capturedStart()));
        appendText(doc.root(), text);
    } else {
        CmarkDocument doc(prepared.text);
        for (cmark_node* node = cmark_node_first_child(doc.root()); node; node = cmark_node_next(node)) {
            if (cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH) {
                appendText(node, text);
                if (!text.trimmed().isEmpty())
                    break;
            }
        }
    }
    for (qsizetype i = 0; i < prepared.spans.size(); ++i) {
        const MathSpan& span = prepared.spans.at(i);
        const QString placeholder = span.placeholder.isEmpty()
                                        ? QChar(0xE000) + QStringLiteral("M%1").arg(i) + QChar(0xE001)
                                        : span.placeholder;
        text.replace(placeholder, mathAsText(span.tex).value_or(span.source));
    }
    return truncateText(text.simplified(), maxChars);
}

QString htmlExcerpt(const QString& safeHtml, int maxChars)
{
    // Sanitized markup is well-formed and writes only five entities, so dropping tags is enough.
    static const QRegularExpression math(QStringLiteral(R"re(<span class="math (?:inline|display)">([^<]*)</span>)re"));
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    const auto plain = [](QString html) { return detail::htmlUnescaped(html.replace(tag, QStringLiteral(" "))); };
    QString text;
    qsizetype done = 0;
    for (auto it = math.globalMatch(safeHtml); it.hasNext();) {
        const auto m = it.next();
        text += plain(safeHtml.mid(done, m.capturedStart() - done));
        const QString tex = plain(m.captured(1));
        text += mathAsText(tex).value_or(tex);
        done = m.capturedEnd();
        if (text.size() > 4 * maxChars)
            break; // enough for the excerpt
    }
    if (text.size() <= 4 * maxChars) {
        // Long articles: a slice of the rest is plenty, cut before a tag it would split.
        QString rest = safeHtml.mid(done, 16 * qsizetype(maxChars));
        if (done + rest.size() < safeHtml.size() &&
            rest.lastIndexOf(QLatin1Char('<')) > rest.lastIndexOf(QLatin1Char('>')))
            rest.truncate(rest.lastIndexOf(QLatin1Char('<')));
        text += plain(rest);
    }
    return truncateText(text.simplified(), maxChars);
}

} // namespace folio
