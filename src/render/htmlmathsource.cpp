#include "render/htmlmathsource.h"

#include "render/gumbotree.h"
#include "render/htmlallowlist.h"

#include <QRegularExpression>

#include <vector>

namespace folio {

namespace {

// The script's type without spaces, lowercased.
QString compactType(const GumboElement& element)
{
    QString type = attributeValue(element, "type").toLower();
    type.removeIf([](QChar c) { return c.isSpace(); });
    return type;
}

QString textOfChildren(const GumboNode* node)
{
    QString text;
    const GumboVector& children = gumboChildren(node);
    for (unsigned i = 0; i < children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE || child->type == GUMBO_NODE_CDATA)
            text += QString::fromUtf8(child->v.text.text);
    }
    return text;
}

bool isAnnotation(const GumboElement& element)
{
    if (element.tag != GUMBO_TAG_UNKNOWN)
        return false;
    GumboStringPiece name = element.original_tag;
    gumbo_tag_from_original_text(&name); // "<annotation …>" → "annotation"
    return QLatin1StringView(name.data, qsizetype(name.length))
               .compare(QLatin1String("annotation"), Qt::CaseInsensitive) == 0;
}

// The first TeX annotation inside a <math> element, searched without recursion.
QString texAnnotation(const GumboNode* math)
{
    std::vector<const GumboNode*> pending{math};
    while (!pending.empty()) {
        const GumboNode* node = pending.back();
        pending.pop_back();
        if (node->type != GUMBO_NODE_ELEMENT)
            continue;
        const GumboElement& element = node->v.element;
        if (isAnnotation(element) && attributeValue(element, "encoding")
                                             .trimmed()
                                             .compare(QLatin1String("application/x-tex"), Qt::CaseInsensitive) == 0)
            return textOfChildren(node);
        for (unsigned i = element.children.length; i-- > 0;)
            pending.push_back(static_cast<const GumboNode*>(element.children.data[i]));
    }
    return {};
}

} // namespace

bool isMathScript(const GumboElement& element)
{
    const QString type = compactType(element);
    return type == QLatin1String("math/tex") || type == QLatin1String("math/tex;mode=display");
}

std::optional<EmbeddedTex> embeddedTex(const GumboNode* node)
{
    if (node->type != GUMBO_NODE_ELEMENT)
        return std::nullopt;
    const GumboElement& element = node->v.element;
    EmbeddedTex result;
    if (element.tag == GUMBO_TAG_SCRIPT && element.tag_namespace == GUMBO_NAMESPACE_HTML) {
        if (!isMathScript(element))
            return std::nullopt;
        result.display = compactType(element).endsWith(QLatin1String("mode=display"));
        result.tex = textOfChildren(node);
        // kramdown hides the TeX from XML parsers; "%" starts a TeX comment, but KaTeX need not see it.
        static const QRegularExpression cdata(QStringLiteral(R"(^\s*%\s*<!\[CDATA\[(.*)%\s*\]\]>\s*$)"),
                                              QRegularExpression::DotMatchesEverythingOption);
        if (const auto match = cdata.match(result.tex); match.hasMatch())
            result.tex = match.captured(1);
    } else if (element.tag == GUMBO_TAG_MATH && element.tag_namespace == GUMBO_NAMESPACE_MATHML) {
        result.display = attributeValue(element, "display").trimmed().toLower() == QLatin1String("block");
        result.tex = texAnnotation(node);
    } else {
        return std::nullopt;
    }
    if (result.tex.trimmed().isEmpty())
        return std::nullopt;
    return result;
}

} // namespace folio
