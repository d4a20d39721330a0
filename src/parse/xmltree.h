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

// Told of each item of a document as soon as it is read, so that a big feed is never held as one tree.
class XmlItemHandler {
public:
    virtual ~XmlItemHandler() = default;
    // Is this element, just started (its ancestors and earlier siblings are in the tree), an item?
    virtual bool isItem(const XmlTree& tree, int node) = 0;
    // An item read to its end tag. Its elements leave the tree when this returns; false stops reading.
    virtual bool item(const XmlTree& tree, int node) = 0;
    // Checked after each element starts: false stops reading (a document that is not a feed).
    virtual bool keepReading() const { return true; }
};

// Where a streaming read's text comes from once the text it began with is given to the reader.
class XmlTextInput {
public:
    virtual ~XmlTextInput() = default;
    // The next piece of the text; empty at its end.
    virtual QString more() = 0;
};

// What a streaming read keeps of its text: the part from the item being read (or the last start tag outside
// items) on, so that memory holds about one item, and the text before the first item when asked for.
struct XmlKeptText {
    QString text;
    qsizetype start = 0;       // offset of text[0] in the read's text
    qint64 newlinesBefore = 0; // line breaks in the read's text before `start`
    bool keepPrefix = false;   // keep the text before the first item in `prefix` (nothing is let go before it)
    QString prefix;            // the root's and channel's start, up to the first item
    qsizetype prefixEnd = -1;  // the first item's offset, once one started

    qsizetype end() const { return start + text.size(); }
    // Line breaks in the read's text before `offset` (start ≤ offset ≤ end()).
    qint64 newlinesTo(qsizetype offset) const;
    // Lets go of the text before `offset`.
    void dropBefore(qsizetype offset);
};

// Reads `first` and then what `input` gives (nothing when it is null) into `tree` as readXmlTree does, handing
// each complete item to `items` and then dropping it: the tree holds the elements outside items and the item being
// read, and `kept` about one item's text, whatever the size of the document. An item cut short by an error or by
// the end of the text is not handed out. Offsets (node.startOffset, tree.errorOffset) count from the start of
// `first`.
void readXmlItems(QString first, XmlTextInput* input, XmlTree& tree, XmlItemHandler& items, XmlKeptText& kept);

} // namespace folio
