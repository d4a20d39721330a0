#pragma once

// The repair pass of xmlrepair.h, shared by its two source files: xmlrepair.cpp (tags, the main loop) and
// xmlreferences.cpp (character and entity references, the DOCTYPE's entity declarations).

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
class Repairer {
public:
    explicit Repairer(QStringView in)
        : m_in(in)
    {
        m_out.reserve(in.size() + in.size() / 16 + 64);
    }

    RepairedXml run();

private:
    QStringView m_in;
    QString m_out;
    qsizetype m_pos = 0;
    std::vector<QString> m_open;
    bool m_rootSeen = false;
    bool m_rootClosed = false;
    qsizetype m_rootNameEnd = -1; // where in m_out to add namespace declarations
    QHash<QString, EntityDecl> m_entities;
    QHash<QString, QString> m_expanded;
    QSet<QString> m_expanding;
    qsizetype m_budget = kExpansionBudget;
    QSet<QString> m_declaredPrefixes{QStringLiteral("xml"), QStringLiteral("xmlns")};
    QStringList m_usedPrefixes;

    // counts per kind of repair
    int m_htmlEntities = 0, m_strayAmps = 0, m_controls = 0, m_strayLts = 0, m_attrFixes = 0, m_dupAttrs = 0,
        m_caseFixes = 0, m_autoClosed = 0, m_strayEnds = 0, m_external = 0, m_expansionCut = 0, m_trailing = 0,
        m_cycles = 0;

    void keepLineBreaks(QStringView dropped)
    {
        for (QChar c : dropped) {
            if (c == QLatin1Char('\n'))
                m_out.append(c);
        }
    }
    void appendFiltered(QStringView text, QString& out);
    void reference(QStringView in, qsizetype& i, QString& out, int depth);
    QString expand(const QString& name, int depth);
    void doctype();
    void startTag();
    void endTag();
    void notePrefix(QStringView qualifiedName);
};

} // namespace folio::xmlrepair
