#include "render/markdownrenderer.h"

#include "render/cmarkdocument.h"
#include "render/eastasian.h"
#include "render/htmlescape.h"
#include "render/htmlurlpolicy.h"
#include "render/mathspans.h"

#include <cmark-gfm.h>

#include <cstring>
#include <vector>

namespace folio {

namespace {

// The code point at the start of `s` (n bytes of UTF-8 available), or 0 when malformed.
char32_t decodeUtf8(const char* s, size_t n)
{
    const auto lead = static_cast<unsigned char>(s[0]);
    if (lead < 0x80)
        return lead;
    const size_t extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
    if (extra == 0 || extra >= n)
        return 0;
    char32_t c = lead & (0x3F >> extra);
    for (size_t k = 1; k <= extra; ++k)
        c = (c << 6) | (static_cast<unsigned char>(s[k]) & 0x3F);
    return c;
}

// The character a reader sees at one edge of an inline node, descending into emphasis and links, or 0 when that
// edge is not text (code, an image, raw HTML). A math placeholder ends in a private-use character: not wide.
char32_t edgeCharacter(cmark_node* node, bool last)
{
    while (node && cmark_node_get_type(node) != CMARK_NODE_TEXT) {
        if (cmark_node_get_type(node) == CMARK_NODE_IMAGE)
            return 0;
        node = last ? cmark_node_last_child(node) : cmark_node_first_child(node);
    }
    const char* text = node ? cmark_node_get_literal(node) : nullptr;
    if (!text || !*text)
        return 0;
    const size_t length = std::strlen(text);
    if (!last)
        return decodeUtf8(text, length);
    size_t start = length - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
        --start;
    return decodeUtf8(text + start, length - start);
}

bool isMathFence(cmark_node* node)
{
    int length = 0, offset = 0;
    char character = 0;
    const char* info = cmark_node_get_fence_info(node);
    return cmark_node_get_fenced(node, &length, &offset, &character) && info && std::strncmp(info, "math", 4) == 0 &&
           (info[4] == '\0' || info[4] == ' ' || info[4] == '\t');
}

// A ```math fence becomes a block-level <span class="math display"> holding its content, exactly as written.
void replaceWithDisplayMath(cmark_node* fence)
{
    QString tex = QString::fromUtf8(cmark_node_get_literal(fence));
    if (tex.endsWith(u'\n'))
        tex.chop(1);
    QString html = QStringLiteral("<span class=\"math display\">");
    detail::appendHtmlEscaped(html, tex);
    html += u"</span>";
    cmark_node* block = cmark_node_new(CMARK_NODE_HTML_BLOCK);
    cmark_node_set_literal(block, html.toUtf8().constData());
    cmark_node_replace(fence, block);
    cmark_node_free(fence);
}

// Tree changes before rendering: math fences become display math, and a soft line break between two East Asian
// wide characters goes (pandoc's east_asian_line_breaks), since browsers would show it as a space. Code and
// raw HTML hold no soft breaks, so they are untouched.
void adjustTree(cmark_node* root)
{
    std::vector<cmark_node*> fences;
    std::vector<cmark_node*> breaks;
    cmark_iter* iter = cmark_iter_new(root);
    for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_ENTER)
            continue;
        const cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_CODE_BLOCK && isMathFence(node))
            fences.push_back(node);
        else if (type == CMARK_NODE_SOFTBREAK &&
                 detail::isEastAsianWide(edgeCharacter(cmark_node_previous(node), true)) &&
                 detail::isEastAsianWide(edgeCharacter(cmark_node_next(node), false)))
            breaks.push_back(node);
    }
    cmark_iter_free(iter);
    for (cmark_node* node : breaks)
        cmark_node_free(node);
    for (cmark_node* fence : fences)
        replaceWithDisplayMath(fence);
}

// Whether a line break in `text` might sit between two wide characters, possibly inside emphasis or a link (a
// cheap test that lets most documents skip the tree walk).
bool mayBreakBetweenWide(QStringView text)
{
    for (qsizetype newline = text.indexOf(u'\n'); newline > 0; newline = text.indexOf(u'\n', newline + 1)) {
        qsizetype before = newline - 1;
        while (before > 0 && (text[before] == u'\r' || text[before] == u' '))
            --before;
        qsizetype after = newline + 1;
        while (after < text.size() && (text[after] == u' ' || text[after] == u'\t' || text[after] == u'>'))
            ++after;
        if (after >= text.size())
            return false;
        const QChar last = text[before];
        const QChar next = text[after];
        if ((detail::isEastAsianWideUnit(last.unicode()) || last.isLowSurrogate() ||
             QStringView(u"*_~]);").contains(last)) &&
            (detail::isEastAsianWideUnit(next.unicode()) || QStringView(u"*_~[&").contains(next)))
            return true;
    }
    return false;
}

// A raw HTML node that is one comment and nothing else, such as Hugo's <!--more-->: it shows nothing.
bool isLoneComment(cmark_node* node)
{
    const QByteArray literal = QByteArray(cmark_node_get_literal(node)).trimmed();
    return literal.startsWith("<!--") && literal.endsWith("-->") && literal.indexOf("-->") == literal.size() - 3;
}

// Whether the author wrote raw HTML other than comments; the comments are dropped on the way.
bool hasRawHtml(cmark_node* root)
{
    std::vector<cmark_node*> comments;
    cmark_iter* iter = cmark_iter_new(root);
    bool found = false;
    for (cmark_event_type event; !found && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        const cmark_node_type type = cmark_node_get_type(node);
        if (type != CMARK_NODE_HTML_BLOCK && type != CMARK_NODE_HTML_INLINE)
            continue;
        if (isLoneComment(node))
            comments.push_back(node);
        else
            found = true;
    }
    cmark_iter_free(iter);
    if (!found) {
        for (cmark_node* comment : comments)
            cmark_node_free(comment);
    }
    return found;
}

QString plainText(cmark_node* node)
{
    QString text;
    cmark_iter* iter = cmark_iter_new(node);
    for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* cur = cmark_iter_get_node(iter);
        if (event == CMARK_EVENT_ENTER &&
            (cmark_node_get_type(cur) == CMARK_NODE_TEXT || cmark_node_get_type(cur) == CMARK_NODE_CODE))
            text += QString::fromUtf8(cmark_node_get_literal(cur));
    }
    cmark_iter_free(iter);
    return text;
}

// Links and images of a tree without raw HTML, checked by the sanitizer's URL rules.
void secureLinks(cmark_node* root, const SanitizeOptions& options)
{
    std::vector<cmark_node*> links, images;
    cmark_iter* iter = cmark_iter_new(root);
    for (cmark_event_type event; (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (event != CMARK_EVENT_ENTER)
            continue;
        if (cmark_node_get_type(node) == CMARK_NODE_LINK)
            links.push_back(node);
        else if (cmark_node_get_type(node) == CMARK_NODE_IMAGE)
            images.push_back(node);
    }
    cmark_iter_free(iter);

    for (cmark_node* image : images) {
        const QString src = safeImageUrl(QString::fromUtf8(cmark_node_get_url(image)), options);
        if (!src.isEmpty()) {
            cmark_node_set_url(image, src.toUtf8().constData());
            continue;
        }
        const QString alt = plainText(image);
        QString html = QStringLiteral("<span class=\"image-missing\" title=\"");
        detail::appendHtmlEscaped(html, alt);
        html += QStringLiteral("\">");
        detail::appendHtmlEscaped(html, alt);
        html += QStringLiteral("</span>");
        cmark_node* placeholder = cmark_node_new(CMARK_NODE_HTML_INLINE);
        cmark_node_set_literal(placeholder, html.toUtf8().constData());
        cmark_node_replace(image, placeholder);
        cmark_node_free(image);
    }
    for (cmark_node* link : links) {
        const QString href = safeLinkUrl(QString::fromUtf8(cmark_node_get_url(link)), options.baseUrl);
        if (!href.isEmpty()) {
            cmark_node_set_url(link, href.toUtf8().constData());
            continue;
        }
        // A refused link keeps its text: its children move out, the link goes.
        while (cmark_node* child = cmark_node_first_child(link))
            cmark_node_insert_before(link, child);
        cmark_node_free(link);
    }
}

void prepareTree(cmark_node* root, const QString& text)
{
    const bool mathFences = text.contains(u"math") && (text.contains(u"```") || text.contains(u"~~~"));
    if (mathFences || mayBreakBetweenWide(text))
        adjustTree(root);
}

} // namespace

QString markdownToHtml(const QString& markdown)
{
    const ProtectedMarkdown prepared = protectMath(markdown);
    CmarkDocument document(prepared.text);
    prepareTree(document.root(), prepared.text);
    return restoreMath(document.html(), prepared.spans);
}

QString markdownToSafeHtml(const QString& markdown, const SanitizeOptions& options)
{
    const ProtectedMarkdown prepared = protectMath(markdown);
    CmarkDocument document(prepared.text);
    if (hasRawHtml(document.root()))
        return sanitizeHtml(markdownToHtml(markdown), options);
    secureLinks(document.root(), options);
    prepareTree(document.root(), prepared.text);
    return restoreMath(document.html(), prepared.spans);
}

} // namespace folio
