#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <memory>

namespace folio {

// XML as real feeds write it, made well-formed enough for a strict reader. One linear pass that:
// - drops the XML declaration (the text is already decoded; its encoding= would mislead the reader),
//   comments and the DOCTYPE (keeping their line breaks so error lines stay right);
// - expands entities the DOCTYPE declares itself, within a total budget (a billion-laughs document stops at the
//   budget instead of growing); external entities are never fetched, their references are dropped;
// - turns HTML named entities (&nbsp; &mdash; …) into their characters, escapes a '&' or '<' that starts nothing;
// - removes characters XML forbids (C0 controls, U+FFFE/FFFF, lone surrogates), in text and CDATA alike;
// - quotes unquoted attribute values, gives bare attributes a value, drops duplicate attributes, self-closes
//   HTML void elements (<br>, <img …>);
// - matches end tags to open elements ignoring case, closes elements left open inside a closed one, drops end
//   tags that close nothing, and ignores text after the root element ends;
// - declares namespace prefixes used without a declaration (media:, dc: … get their usual URIs).
// A document cut short stays cut short: the reader reports where, and the caller keeps what came before.
struct RepairedXml {
    QString text;
    QStringList warnings; // one line per kind of repair, with counts
};

RepairedXml repairXml(QStringView text);

namespace xmlrepair {
class Repairer;
}

// repairXml for a text read in pieces, so that it is never held whole: the same output, in pieces. A tag,
// reference, comment, CDATA section or DOCTYPE cut by a piece's end is repaired once the next piece completes it.
// The namespace prefixes a feed uses without declaring are declared on its root element, which comes first; they
// are known only after all of the text, so a first pass (PrefixesOnly, output and warnings dropped) finds them for
// the second (Repair).
class XmlRepairStream {
public:
    enum class Pass { PrefixesOnly, Repair };
    explicit XmlRepairStream(Pass pass, const QStringList& rootDeclarations = {});
    ~XmlRepairStream();
    XmlRepairStream(const XmlRepairStream&) = delete;
    XmlRepairStream& operator=(const XmlRepairStream&) = delete;

    // Repaired text for the next piece (`last` for the final one); may be empty while a construct waits.
    QString repair(QStringView piece, bool last);
    // Complete after the last piece.
    QStringList warnings() const;
    QStringList undeclaredPrefixes() const;

private:
    std::unique_ptr<xmlrepair::Repairer> m_repairer;
};

// The namespace URI a well-known prefix stands for in feeds ("dc" → Dublin Core …), or an empty string.
QString wellKnownNamespace(QStringView prefix);

} // namespace folio
