#include "render/plaintext.h"

#include "render/cmarkdocument.h"
#include "render/gumbotree.h"
#include "render/mathspans.h"

#include <cmark-gfm.h>

#include <vector>

namespace folio {

namespace {

bool isCjk(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x3040 && u <= 0x30FF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0x4E00 && u <= 0x9FFF) ||
           (u >= 0xAC00 && u <= 0xD7A3) || (u >= 0xF900 && u <= 0xFAFF);
}

void endBlock(QString& out)
{
    if (!out.isEmpty() && !out.endsWith(QLatin1Char('\n')))
        out += QLatin1Char('\n');
}

// Control characters (but line breaks and tabs) become spaces: the search snippets use \x02 and \x03 as markers.
QString withoutControls(QString text)
{
    for (QChar& c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != '\n' && u != '\t') || u == 0x7F)
            c = QLatin1Char(' ');
    }
    return text;
}

bool isBlockElement(GumboTag tag)
{
    switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
        return true;
    default:
        return false;
    }
}

// Walks the tree with an explicit stack: article HTML can nest deeper than the call stack allows.
void appendHtmlText(const GumboNode* root, unsigned firstChild, QString& out)
{
    struct Frame {
        const GumboNode* node;
        unsigned next;
    };
    std::vector<Frame> stack{{root, firstChild}};
    while (!stack.empty()) {
        Frame& top = stack.back();
        const GumboVector& children = gumboChildren(top.node);
        if (top.next >= children.length) {
            if (top.node->type == GUMBO_NODE_ELEMENT && isBlockElement(top.node->v.element.tag))
                endBlock(out);
            stack.pop_back();
            continue;
        }
        const auto* child = static_cast<const GumboNode*>(children.data[top.next++]);
        switch (child->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
            out += QString::fromUtf8(child->v.text.text);
            break;
        case GUMBO_NODE_ELEMENT: {
            const GumboTag tag = child->v.element.tag;
            if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE ||
                tag == GUMBO_TAG_NOSCRIPT)
                break;
            if (isBlockElement(tag))
                endBlock(out);
            stack.push_back({child, 0});
            break;
        }
        default:
            break;
        }
    }
}

QString markdownPlainText(const QString& markdown)
{
    const ProtectedMarkdown prepared = protectMath(markdown);
    CmarkDocument doc(prepared.text);
    QString out;
    out.reserve(prepared.text.size());
    std::vector<qsizetype> softBreaks;
    cmark_iter* iter = cmark_iter_new(doc.root());
    cmark_event_type event;
    int insideImage = 0; // an image's alt text is not prose
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(iter);
        const cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_IMAGE) {
            insideImage += event == CMARK_EVENT_ENTER ? 1 : -1;
            continue;
        }
        if (insideImage > 0)
            continue;
        if (event == CMARK_EVENT_EXIT) {
            if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) // paragraphs, items, table cells…
                endBlock(out);
            continue;
        }
        switch (type) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            out += QString::fromUtf8(cmark_node_get_literal(node));
            break;
        case CMARK_NODE_CODE_BLOCK:
            endBlock(out);
            out += QString::fromUtf8(cmark_node_get_literal(node));
            endBlock(out);
            break;
        case CMARK_NODE_HTML_BLOCK: {
            endBlock(out);
            const GumboFragment fragment(QByteArray(cmark_node_get_literal(node)));
            appendHtmlText(fragment.root(), GumboFragment::kFirstChild, out);
            endBlock(out);
            break;
        }
        case CMARK_NODE_SOFTBREAK:
            softBreaks.push_back(out.size());
            out += QLatin1Char(' ');
            break;
        case CMARK_NODE_LINEBREAK:
            out += QLatin1Char('\n');
            break;
        default:
            break;
        }
    }
    cmark_iter_free(iter);

    // A soft break between two CJK characters is no space at all; remove those from the back.
    for (auto it = softBreaks.rbegin(); it != softBreaks.rend(); ++it) {
        const qsizetype at = *it;
        if (at > 0 && at + 1 < out.size() && isCjk(out.at(at - 1)) && isCjk(out.at(at + 1)))
            out.remove(at, 1);
    }
    for (qsizetype i = 0; i < prepared.spans.size(); ++i) {
        const MathSpan& span = prepared.spans.at(i);
        const QString placeholder = span.placeholder.isEmpty()
                                        ? QChar(0xE000) + QStringLiteral("M%1").arg(i) + QChar(0xE001)
                                        : span.placeholder;
        out.replace(placeholder, span.tex);
    }
    return out;
}

} // namespace

QString htmlPlainText(const QString& html)
{
    const GumboFragment fragment(html.toUtf8());
    QString out;
    out.reserve(html.size() / 2);
    appendHtmlText(fragment.root(), GumboFragment::kFirstChild, out);
    return withoutControls(std::move(out));
}

QString plainText(const QString& content, ContentFormat format)
{
    if (format == ContentFormat::Html)
        return htmlPlainText(content);
    return withoutControls(markdownPlainText(content));
}

} // namespace folio
