#pragma once

#include <QString>
#include <QUrl>
#include <QXmlStreamAttributes>

#include <vector>

namespace folio {

// A small read-only element tree over a repaired XML text, built with QXmlStreamReader. Reading stops at the first
// error; elements read to their end tag are `complete`, so a caller can keep whole items from a broken document.
struct XmlNode {
    QString ns;   // namespace URI
    QString name; // local name
    QXmlStreamAttributes attributes;
    std::vector<int> children; // element children, in order
    // Mixed content in order: a part is either text or the index of a child element.
    struct Part {
        int child = -1;
        QString text;
    };
    std::vector<Part> parts;
    int parent = -1;
    qsizetype startOffset = 0; // of the start tag's '<' in the text
    bool complete = false;
};

struct XmlTree {
    std::vector<XmlNode> nodes; // nodes[0] is the root element, when there is one
    bool prematureEnd = false;  // the text ended inside an element
    QString error;              // empty when the text was read to its end
    qint64 errorLine = 0;
    qsizetype errorOffset = 0;

    bool empty() const { return nodes.empty(); }
    const XmlNode& root() const { return nodes.front(); }
    const XmlNode& at(int index) const { return nodes[std::size_t(index)]; }

    // The first complete-or-not child element of `parent` with this namespace and local name, or -1.
    int child(int parent, const QString& ns, QStringView name) const;
    // Direct text content of an element (CDATA included), without child elements' text.
    QString text(int index) const;
    // All text inside an element, child elements' text included.
    QString deepText(int index) const;
    // The element's content as markup: children serialised as HTML (namespace prefixes dropped, void elements
    // without end tags), text escaped. For XHTML content and HTML a feed left unescaped.
    QString innerMarkup(int index) const;
    // xml:base in effect for an element, resolved against `documentUrl` down the ancestors.
    QUrl base(int index, const QUrl& documentUrl) const;
    QString attribute(int index, QStringView name) const;
};

// Reads `text` (already repaired, no encoding declaration) into a tree. External entities are never resolved.
XmlTree readXmlTree(const QString& text);

} // namespace folio
