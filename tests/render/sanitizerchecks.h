#pragma once

// Checks shared by the sanitizer tests: what any sanitized output must satisfy, whatever the input.

#include "render/gumbotree.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace sanitizerchecks {

inline const QSet<QString>& allowedElements()
{
    static const QSet<QString> elements{
        QStringLiteral("p"),       QStringLiteral("br"),         QStringLiteral("hr"),         QStringLiteral("h1"),
        QStringLiteral("h2"),      QStringLiteral("h3"),         QStringLiteral("h4"),         QStringLiteral("h5"),
        QStringLiteral("h6"),      QStringLiteral("blockquote"), QStringLiteral("pre"),        QStringLiteral("code"),
        QStringLiteral("kbd"),     QStringLiteral("samp"),       QStringLiteral("var"),        QStringLiteral("em"),
        QStringLiteral("strong"),  QStringLiteral("b"),          QStringLiteral("i"),          QStringLiteral("u"),
        QStringLiteral("s"),       QStringLiteral("del"),        QStringLiteral("ins"),        QStringLiteral("sub"),
        QStringLiteral("sup"),     QStringLiteral("mark"),       QStringLiteral("small"),      QStringLiteral("abbr"),
        QStringLiteral("q"),       QStringLiteral("cite"),       QStringLiteral("dfn"),        QStringLiteral("span"),
        QStringLiteral("div"),     QStringLiteral("section"),    QStringLiteral("article"),    QStringLiteral("header"),
        QStringLiteral("footer"),  QStringLiteral("figure"),     QStringLiteral("figcaption"), QStringLiteral("ul"),
        QStringLiteral("ol"),      QStringLiteral("li"),         QStringLiteral("dl"),         QStringLiteral("dt"),
        QStringLiteral("dd"),      QStringLiteral("table"),      QStringLiteral("thead"),      QStringLiteral("tbody"),
        QStringLiteral("tfoot"),   QStringLiteral("tr"),         QStringLiteral("th"),         QStringLiteral("td"),
        QStringLiteral("caption"), QStringLiteral("colgroup"),   QStringLiteral("col"),        QStringLiteral("a"),
        QStringLiteral("img"),     QStringLiteral("details"),    QStringLiteral("summary"),    QStringLiteral("ruby"),
        QStringLiteral("rt"),      QStringLiteral("rp"),         QStringLiteral("rb"),         QStringLiteral("rtc"),
        QStringLiteral("time"),    QStringLiteral("wbr"),        QStringLiteral("bdi"),        QStringLiteral("bdo"),
        QStringLiteral("input")};
    return elements;
}

inline const QSet<QString>& allowedAttributes()
{
    static const QSet<QString> attributes{QStringLiteral("href"),
                                          QStringLiteral("rel"),
                                          QStringLiteral("src"),
                                          QStringLiteral("alt"),
                                          QStringLiteral("title"),
                                          QStringLiteral("width"),
                                          QStringLiteral("height"),
                                          QStringLiteral("start"),
                                          QStringLiteral("reversed"),
                                          QStringLiteral("type"),
                                          QStringLiteral("value"),
                                          QStringLiteral("colspan"),
                                          QStringLiteral("rowspan"),
                                          QStringLiteral("scope"),
                                          QStringLiteral("span"),
                                          QStringLiteral("datetime"),
                                          QStringLiteral("open"),
                                          QStringLiteral("data-footnotes"),
                                          QStringLiteral("data-footnote-ref"),
                                          QStringLiteral("data-footnote-backref"),
                                          QStringLiteral("data-footnote-backref-idx"),
                                          QStringLiteral("aria-label"),
                                          QStringLiteral("align"),
                                          QStringLiteral("id"),
                                          QStringLiteral("class"),
                                          QStringLiteral("lang"),
                                          QStringLiteral("dir"),
                                          QStringLiteral("checked"),
                                          QStringLiteral("disabled")};
    return attributes;
}

inline bool isAllowedClassToken(const QString& token)
{
    static const QSet<QString> tokens{QStringLiteral("math"),
                                      QStringLiteral("inline"),
                                      QStringLiteral("display"),
                                      QStringLiteral("image-missing"),
                                      QStringLiteral("footnotes"),
                                      QStringLiteral("footnote-ref"),
                                      QStringLiteral("footnote-backref")};
    return tokens.contains(token) || token.startsWith(QStringLiteral("language-"));
}

// Every way `html` breaks the allowlist, as readable messages; empty when it is clean. `imagePrefixes` are the
// src values images may start with (mapImage rows pass their own).
inline QStringList violations(const QString& html,
                              const QStringList& imagePrefixes = {QStringLiteral("http://"), QStringLiteral("https://"),
                                                                  QStringLiteral("data:image/")})
{
    QStringList found;
    const folio::GumboFragment fragment(html.toUtf8());
    std::vector<const GumboNode*> pending{fragment.root()};
    while (!pending.empty()) {
        const GumboNode* node = pending.back();
        pending.pop_back();
        if (node->type == GUMBO_NODE_COMMENT || node->type == GUMBO_NODE_CDATA)
            found << QStringLiteral("comment or CDATA");
        if (node->type != GUMBO_NODE_ELEMENT) {
            if (node->type == GUMBO_NODE_TEMPLATE)
                found << QStringLiteral("template");
            continue;
        }
        const GumboElement& element = node->v.element;
        const QString name = QString::fromUtf8(gumbo_normalized_tagname(element.tag));
        if (node != fragment.root() &&
            (element.tag_namespace != GUMBO_NAMESPACE_HTML || !allowedElements().contains(name)))
            found << QStringLiteral("element <%1>").arg(name.isEmpty() ? QStringLiteral("unknown") : name);
        for (unsigned i = 0; i < element.attributes.length; ++i) {
            const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
            const QString key = QString::fromUtf8(attribute->name);
            const QString value = QString::fromUtf8(attribute->value);
            if (!allowedAttributes().contains(key))
                found << QStringLiteral("attribute %1 on <%2>").arg(key, name);
            if (key == QLatin1String("href") &&
                !(value.startsWith(QLatin1String("https://")) || value.startsWith(QLatin1String("http://")) ||
                  value.startsWith(QLatin1String("mailto:")) || value.startsWith(QLatin1String("#"))))
                found << QStringLiteral("href %1").arg(value);
            if (key == QLatin1String("src")) {
                bool ok = false;
                for (const QString& prefix : imagePrefixes)
                    ok = ok || value.startsWith(prefix);
                if (!ok)
                    found << QStringLiteral("src %1").arg(value);
            }
            if (key == QLatin1String("type") &&
                !(name == QLatin1String("input") && value == QLatin1String("checkbox")) && name != QLatin1String("ol"))
                found << QStringLiteral("type %1 on <%2>").arg(value, name);
            if (key == QLatin1String("class")) {
                for (const QString& token : value.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                    if (!isAllowedClassToken(token))
                        found << QStringLiteral("class %1").arg(token);
                }
            }
            if (key == QLatin1String("id") && !value.startsWith(QLatin1String("user-content-")))
                found << QStringLiteral("id %1").arg(value);
        }
        if (name == QLatin1String("input") && !gumbo_get_attribute(&element.attributes, "disabled"))
            found << QStringLiteral("enabled input");
        for (unsigned i = 0; i < element.children.length; ++i)
            pending.push_back(static_cast<const GumboNode*>(element.children.data[i]));
    }
    return found;
}

// The deepest element nesting of `html`.
inline int nestingDepth(const QString& html)
{
    const folio::GumboFragment fragment(html.toUtf8());
    int deepest = 0;
    std::vector<std::pair<const GumboNode*, int>> pending{{fragment.root(), 0}};
    while (!pending.empty()) {
        const auto [node, depth] = pending.back();
        pending.pop_back();
        deepest = std::max(deepest, depth);
        const GumboVector& children = folio::gumboChildren(node);
        for (unsigned i = 0; i < children.length; ++i) {
            const auto* child = static_cast<const GumboNode*>(children.data[i]);
            if (child->type == GUMBO_NODE_ELEMENT)
                pending.push_back({child, depth + 1});
        }
    }
    return deepest;
}

} // namespace sanitizerchecks
