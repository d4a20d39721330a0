#include "parse/xmlrepairer.h"

#include "parse/htmlentities.h"

#include <QRegularExpression>

namespace folio::xmlrepair {

// Copies text, dropping characters XML 1.0 forbids.
void Repairer::appendFiltered(QStringView text, QString& out)
{
    qsizetype run = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        bool bad = false;
        if (c < 0x20)
            bad = c != '\t' && c != '\n' && c != '\r';
        else if (c == 0xFFFE || c == 0xFFFF)
            bad = true;
        else if (QChar::isHighSurrogate(c))
            bad = i + 1 >= text.size() || !text[i + 1].isLowSurrogate();
        else if (QChar::isLowSurrogate(c))
            bad = i == 0 || !text[i - 1].isHighSurrogate();
        if (bad) {
            out.append(text.mid(run, i - run));
            run = i + 1;
            ++m_n.controls;
        }
    }
    out.append(text.mid(run));
}

QString Repairer::expand(const QString& name, int depth)
{
    if (auto it = m_expanded.constFind(name); it != m_expanded.constEnd())
        return *it;
    if (m_expanding.contains(name) || depth > 32) {
        ++m_n.cycles;
        return {};
    }
    m_expanding.insert(name);
    const QString value = m_entities.value(name).value;
    QString out;
    for (qsizetype i = 0; i < value.size();) {
        if (value[i] == QLatin1Char('&')) {
            reference(value, i, out, depth + 1);
        } else {
            const qsizetype amp = value.indexOf(QLatin1Char('&'), i);
            const qsizetype stop = amp < 0 ? value.size() : amp;
            appendFiltered(QStringView(value).mid(i, stop - i), out);
            i = stop;
        }
        if (out.size() > m_budget)
            break; // bigger than all that may still be expanded: no need to know by how much
    }
    m_expanding.remove(name);
    m_expanded.insert(name, out);
    return out;
}

// At in[i] == '&': writes what the reference means for a strict reader, advances i past it.
void Repairer::reference(QStringView in, qsizetype& i, QString& out, int depth)
{
    qsizetype j = i + 1;
    if (j < in.size() && in[j] == QLatin1Char('#')) {
        ++j;
        const bool hex = j < in.size() && (in[j] == QLatin1Char('x') || in[j] == QLatin1Char('X'));
        if (hex)
            ++j;
        const qsizetype digits = j;
        while (j < in.size() && j - digits < 8 &&
               (hex ? (in[j].isDigit() || QStringLiteral("abcdefABCDEF").contains(in[j])) : in[j].isDigit()))
            ++j;
        if (j > digits && j < in.size() && in[j] == QLatin1Char(';')) {
            bool ok = false;
            const uint value = in.mid(digits, j - digits).toUInt(&ok, hex ? 16 : 10);
            const bool xmlChar = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF) ||
                                 (value >= 0xE000 && value <= 0xFFFD) || (value >= 0x10000 && value <= 0x10FFFF);
            if (ok && xmlChar && (value < 0x80 || value > 0x9F)) {
                out.append(in.mid(i, j + 1 - i));
            } else if (ok && value >= 0x80 && value <= 0x9F) {
                out.append(htmlCodePoint(value)); // Windows-1252, as browsers read it
                ++m_n.htmlEntities;
            } else {
                ++m_n.controls;
            }
            i = j + 1;
            return;
        }
    } else {
        while (j < in.size() && j - i <= 40 && isNameChar(in[j]))
            ++j;
        if (j > i + 1 && j < in.size() && in[j] == QLatin1Char(';')) {
            const QString name = in.mid(i + 1, j - i - 1).toString();
            if (name == u"amp" || name == u"lt" || name == u"gt" || name == u"quot" || name == u"apos") {
                out.append(in.mid(i, j + 1 - i));
                i = j + 1;
                return;
            }
            if (auto decl = m_entities.constFind(name); decl != m_entities.constEnd()) {
                i = j + 1;
                if (decl->external) {
                    ++m_n.external;
                    return;
                }
                const QString expansion = expand(name, depth);
                if (expansion.size() > m_budget) {
                    ++m_n.expansionCut;
                    m_budget = 0;
                    return;
                }
                m_budget -= expansion.size();
                out.append(expansion);
                return;
            }
            if (const QString decoded = htmlEntity(name); !decoded.isNull()) {
                ++m_n.htmlEntities;
                if (decoded == u"&")
                    out.append(u"&amp;");
                else if (decoded == u"<")
                    out.append(u"&lt;");
                else
                    appendFiltered(decoded, out);
                i = j + 1;
                return;
            }
        }
    }
    ++m_n.strayAmps;
    out.append(u"&amp;");
    ++i;
}

bool Repairer::doctype()
{
    // <!DOCTYPE name [ internal subset ]>: quotes and the subset may hold '>'.
    qsizetype i = m_pos + 9;
    QChar quote;
    int bracket = 0;
    for (; i < m_in.size(); ++i) {
        const QChar c = m_in[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('[')) {
            ++bracket;
        } else if (c == QLatin1Char(']')) {
            --bracket;
        } else if (c == QLatin1Char('>') && bracket <= 0) {
            break;
        }
    }
    if (i >= m_in.size() && !m_last)
        return false; // the piece ends inside it
    const QStringView decl = m_in.mid(m_pos, qMin(i + 1, m_in.size()) - m_pos);
    static const QRegularExpression entity(
        QStringLiteral(R"re(<!ENTITY\s+(%\s+)?([^\s"'>%&;]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>)re"));
    for (auto it = entity.globalMatch(decl); it.hasNext();) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty())
            continue; // parameter entities only shape the DTD
        EntityDecl e;
        e.external = !m.captured(5).isEmpty();
        e.value = m.hasCaptured(3) ? m.captured(3) : m.captured(4);
        if (!m_entities.contains(m.captured(2)))
            m_entities.insert(m.captured(2), e);
    }
    keepLineBreaks(decl);
    m_pos += decl.size();
    return true;
}

} // namespace folio::xmlrepair
