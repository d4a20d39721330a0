#pragma once

// The repair pass of xmlrepair.h, shared by its source files: xmlrepair.cpp (tags, the main loop),
// xmlreferences.cpp (character and entity references, the DOCTYPE's entity declarations) and xmlrepairresult.cpp
// (the entry points, whole or in pieces, and the warnings).

#include "parse/xmlrepair.h"

#include <QHash>
#include <QSet>

#include <vector>

namespace folio::xmlrepair {

// Total characters declared entities may expand to in one document. Real feeds declare a few short entities.
constexpr qsizetype kExpansionBudget = 1 << 20;

inline bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_') || c == QLatin1Char(':');
}

inline bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char(':') || c == QLatin1Char('-') ||
           c == QLatin1Char('.');
}

struct EntityDecl {
    QString value;
    bool external = false;
};
// Characters a reference or the start of a markup construct needs to be told apart (`&` + a 40-character name + `;`,
// "<![CDATA["): a piece that is not the last is repaired up to the last such start closer than this to its end.
constexpr qsizetype kLookahead = 64;

class Repairer {
public:
    // Repairs the whole text at once (see repairXml).
    RepairedXml run(QStringView in);

    // The streaming form: repairs the next piece of the text (`last` for the final one) and returns what of the
    // repaired text is ready; a construct the piece cuts (tag, reference, comment, CDATA, DOCTYPE) waits for the
    // next. `declarations` (from a first pass, see undeclaredPrefixes) are added to the root element as it is
    // written. warnings() is complete after the last piece.
    QString piece(QStringView in, bool last);
    void setRootDeclarations(const QStringList& prefixes);
    // A dry pass only follows the tags (for undeclaredPrefixes): no text, references or warnings, no output.
    void setDry(bool dry) { m_dry = dry; }
    QStringList warnings() const;
    QStringList undeclaredPrefixes() const;

private:
    struct Counts { // per kind of repair
        int htmlEntities = 0, strayAmps = 0, controls = 0, strayLts = 0, attrFixes = 0, dupAttrs = 0, caseFixes = 0,
            autoClosed = 0, strayEnds = 0, external = 0, expansionCut = 0, trailing = 0, cycles = 0;
    };
    // What a start tag changes before it knows it is complete: put back when a piece ends inside it.
    struct Saved {
        Counts counts;
        bool rootSeen;
        QSet<QString> declaredPrefixes;
        QStringList usedPrefixes;
        qsizetype budget;
        QHash<QString, QString> expanded;
    };

    QStringView m_in;
    QString m_out;
    qsizetype m_pos = 0;
    bool m_last = true; // m_in reaches the end of the text
    bool m_dry = false;
    QString m_buffer;           // streaming: the part of the text not repaired yet
    qsizetype m_retryAt = 0;    // streaming: a construct was cut; wait for this much text before trying again
    bool m_skipRest = false;    // a start tag after the root element's end: everything after it is ignored
    bool m_trailingRun = false; // the previous piece ended in text after the root's end, already counted
    std::vector<QString> m_open;
    bool m_rootSeen = false;
    bool m_rootClosed = false;
    qsizetype m_rootNameEnd = -1; // where in m_out to add namespace declarations
    QString m_rootDeclarations;   // streaming: added to the root element as it is written
    QHash<QString, EntityDecl> m_entities;
    QHash<QString, QString> m_expanded;
    QSet<QString> m_expanding;
    qsizetype m_budget = kExpansionBudget;
    QSet<QString> m_declaredPrefixes{QStringLiteral("xml"), QStringLiteral("xmlns")};
    QStringList m_usedPrefixes;
    Counts m_n;

    void keepLineBreaks(QStringView dropped)
    {
        for (QChar c : dropped) {
            if (c == QLatin1Char('\n'))
                m_out.append(c);
        }
    }
    // Repairs m_in from m_pos; false when it stopped at a construct the text cuts (only when !m_last).
    bool process();
    Saved save() const;
    void restore(const Saved& saved);
    void appendFiltered(QStringView text, QString& out);
    void reference(QStringView in, qsizetype& i, QString& out, int depth);
    QString expand(const QString& name, int depth);
    bool doctype();
    bool startTag();
    bool endTag();
    void notePrefix(QStringView qualifiedName);
};

} // namespace folio::xmlrepair
