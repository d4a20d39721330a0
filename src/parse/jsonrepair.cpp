#include "parse/jsonrepair.h"

#include "parse/feeditem.h"

#include <QRegularExpression>

#include <optional>
#include <vector>

namespace folio {

namespace {

// A kind of repair, as FeedWarnings counts it.
QString kind(const char* what)
{
    return QStringLiteral("JSON mended: %1 × ") + QLatin1String(what);
}

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == QChar(0xFEFF);
}

bool isBareChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$' || c == u'-' || c == u'+' || c == u'.';
}

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

class Repairer {
public:
    explicit Repairer(QStringView in)
        : m_in(in)
    {
        m_out.reserve(in.size() + 16);
    }

    RepairedJson run()
    {
        skipToRoot();
        while (m_pos < m_in.size() && !m_done)
            step();
        if (!m_done && !m_stack.empty())
            closeAtCut();
        if (m_done && !m_in.mid(m_pos).trimmed().isEmpty())
            m_warnings.note(kind("text after the JSON value ignored"));
        RepairedJson result;
        if (m_rootSeen)
            result.text = std::move(m_out);
        result.warnings = m_warnings.lines();
        result.truncated = m_truncated;
        result.cutInItem = m_cutInItem;
        return result;
    }

private:
    // One container being written. `memberStart`: where the output of its current member begins (before its comma).
    struct Frame {
        bool object = false;
        enum class Expect { Key, Colon, Value, Separator } expect = Expect::Value;
        qsizetype count = 0;  // members written in full
        bool pending = false; // a member is begun in the output but not complete
        qsizetype memberStart = 0;
        QString key; // an object's current member
    };

    void skipToRoot()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_in.size() && m_in[m_pos] != u'{' && m_in[m_pos] != u'[')
            ++m_pos;
        if (m_in.mid(start, m_pos - start).trimmed().size() > 0)
            m_warnings.note(kind("text before the JSON value ignored"));
    }

    void step()
    {
        const QChar c = m_in[m_pos];
        if (isSpace(c)) {
            ++m_pos;
            return;
        }
        if (c == u'/' && skipComment())
            return;
        if (c == u'{' || c == u'[') {
            if (!m_stack.empty()) {
                if (!beginValue())
                    return;
                openElement();
            }
            m_out += c;
            m_stack.push_back(
                {c == u'{', c == u'{' ? Frame::Expect::Key : Frame::Expect::Value, 0, false, m_out.size(), {}});
            m_rootSeen = true;
            ++m_pos;
            return;
        }
        Frame& top = m_stack.back();
        if (c == u'}' || c == u']') {
            if ((c == u'}') != top.object)
                m_warnings.note(kind("mismatched brackets"));
            ++m_pos;
            close();
            return;
        }
        if (c == u',') {
            if (top.expect == Frame::Expect::Separator)
                top.expect = top.object ? Frame::Expect::Key : Frame::Expect::Value;
            else
                m_warnings.note(kind("extra commas"));
            ++m_pos;
            return;
        }
        if (c == u':') {
            if (top.object && top.expect == Frame::Expect::Colon)
                top.expect = Frame::Expect::Value;
            else
                m_warnings.note(kind("unexpected characters skipped"), QStringLiteral(":"));
            ++m_pos;
            return;
        }
        if (top.object && (top.expect == Frame::Expect::Key || top.expect == Frame::Expect::Separator)) {
            readKey();
            return;
        }
        if (beginValue())
            readScalar();
    }

    // Before a value inside the top container: supplies what a sloppy writer left out. False when no value may
    // start here (the character is skipped). Writes nothing.
    bool beginValue()
    {
        Frame& top = m_stack.back();
        if (top.object && top.expect == Frame::Expect::Colon) {
            m_warnings.note(kind("missing colons supplied"));
            top.expect = Frame::Expect::Value;
        }
        if (top.expect == Frame::Expect::Separator) {
            m_warnings.note(kind("missing commas supplied"));
            if (top.object) {
                // A value where a member name belongs: nothing names it.
                m_warnings.note(kind("unexpected characters skipped"), m_in.mid(m_pos, 1).toString());
                ++m_pos;
                return false;
            }
            top.expect = Frame::Expect::Value;
        }
        return true;
    }

    // An array's next element begins in the output (an object's member began with its name).
    void openElement()
    {
        Frame& top = m_stack.back();
        if (top.object)
            return;
        top.memberStart = m_out.size();
        top.pending = true;
        if (top.count > 0)
            m_out += u',';
    }

    void readKey()
    {
        Frame& top = m_stack.back();
        if (top.expect == Frame::Expect::Separator)
            m_warnings.note(kind("missing commas supplied"));
        QString key;
        const QChar c = m_in[m_pos];
        if (c == u'"' || c == u'\'') {
            const auto read = readString();
            if (!read)
                return; // cut off inside the name
            key = *read;
        } else if (isBareChar(c)) {
            const qsizetype start = m_pos;
            while (m_pos < m_in.size() && isBareChar(m_in[m_pos]))
                ++m_pos;
            key = m_in.mid(start, m_pos - start).toString();
            m_warnings.note(kind("member names without quotes"));
        } else {
            m_warnings.note(kind("unexpected characters skipped"), QString(c));
            ++m_pos;
            return;
        }
        top.memberStart = m_out.size();
        top.pending = true;
        if (top.count > 0)
            m_out += u',';
        writeString(key);
        m_out += u':';
        top.key = key;
        top.expect = Frame::Expect::Colon;
    }

    void readScalar()
    {
        const QChar c = m_in[m_pos];
        if (c == u'"' || c == u'\'') {
            const auto read = readString();
            if (!read)
                return; // cut off: closeAtCut() drops the member
            openElement();
            writeString(*read);
            completed();
            return;
        }
        if (!isBareChar(c)) {
            m_warnings.note(kind("unexpected characters skipped"), QString(c));
            ++m_pos;
            return;
        }
        const qsizetype start = m_pos;
        while (m_pos < m_in.size() && isBareChar(m_in[m_pos]))
            ++m_pos;
        if (m_pos == m_in.size())
            return; // a number or word cut off at the end: it may be incomplete
        const QStringView word = m_in.mid(start, m_pos - start);
        static const QRegularExpression number(QStringLiteral(R"(^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$)"));
        openElement();
        if (word == u"true" || word == u"false" || word == u"null" || number.match(word).hasMatch()) {
            m_out += word;
        } else {
            m_warnings.note(kind("values JSON does not have read as null"), word.toString());
            m_out += u"null";
        }
        completed();
    }

    // Reads a quoted string at m_pos, unescaped; nullopt when the document ends inside it.
    std::optional<QString> readString()
    {
        const QChar quote = m_in[m_pos];
        if (quote == u'\'')
            m_warnings.note(kind("single-quoted strings"));
        QString text;
        qsizetype i = m_pos + 1;
        while (i < m_in.size()) {
            const QChar c = m_in[i];
            if (c == quote) {
                m_pos = i + 1;
                return text;
            }
            if (c != u'\\') {
                if (c.unicode() < 0x20)
                    m_warnings.note(kind("control characters written raw inside strings"));
                text += c;
                ++i;
                continue;
            }
            if (i + 1 >= m_in.size())
                break;
            const QChar e = m_in[i + 1];
            i += 2;
            switch (e.unicode()) {
            case u'"':
            case u'\\':
            case u'/':
            case u'\'':
                if (e == u'\'' && quote == u'"')
                    m_warnings.note(kind("escapes JSON does not have"), QStringLiteral("\\'"));
                text += e;
                break;
            case u'b':
                text += QChar(0x08);
                break;
            case u'f':
                text += QChar(0x0C);
                break;
            case u'n':
                text += u'\n';
                break;
            case u'r':
                text += u'\r';
                break;
            case u't':
                text += u'\t';
                break;
            case u'u':
                if (i + 4 <= m_in.size() && isHex(m_in[i]) && isHex(m_in[i + 1]) && isHex(m_in[i + 2]) &&
                    isHex(m_in[i + 3])) {
                    text += QChar(char16_t(m_in.mid(i, 4).toUInt(nullptr, 16)));
                    i += 4;
                } else if (i + 4 > m_in.size() && i <= m_in.size()) {
                    i = m_in.size(); // cut off inside the escape
                } else {
                    m_warnings.note(kind("escapes JSON does not have"), QStringLiteral("\\u"));
                    text += QLatin1String("\\u");
                }
                break;
            default:
                m_warnings.note(kind("escapes JSON does not have"), QStringLiteral("\\") + e);
                text += e;
            }
        }
        m_pos = m_in.size();
        return std::nullopt;
    }

    void writeString(const QString& text)
    {
        m_out += u'"';
        for (const QChar c : text) {
            switch (c.unicode()) {
            case u'"':
                m_out += QLatin1String("\\\"");
                break;
            case u'\\':
                m_out += QLatin1String("\\\\");
                break;
            case u'\n':
                m_out += QLatin1String("\\n");
                break;
            case u'\r':
                m_out += QLatin1String("\\r");
                break;
            case u'\t':
                m_out += QLatin1String("\\t");
                break;
            default:
                if (c.unicode() < 0x20)
                    m_out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
                else
                    m_out += c;
            }
        }
        m_out += u'"';
    }

    bool skipComment()
    {
        if (m_pos + 1 >= m_in.size())
            return false;
        const QChar next = m_in[m_pos + 1];
        if (next == u'/') {
            const qsizetype end = m_in.indexOf(u'\n', m_pos);
            m_pos = end < 0 ? m_in.size() : end + 1;
        } else if (next == u'*') {
            const qsizetype end = m_in.indexOf(QLatin1String("*/"), m_pos + 2);
            m_pos = end < 0 ? m_in.size() : end + 2;
        } else {
            return false;
        }
        m_warnings.note(kind("comments ignored"));
        return true;
    }

    // A member or element of the top container is complete.
    void completed()
    {
        Frame& top = m_stack.back();
        ++top.count;
        top.pending = false;
        top.expect = Frame::Expect::Separator;
    }

    // Closes the top container; a member left without its value is left out.
    void close()
    {
        Frame& top = m_stack.back();
        if (top.pending) {
            m_warnings.note(kind("members without a value left out"));
            m_out.truncate(top.memberStart);
        }
        m_out += top.object ? u'}' : u']';
        m_stack.pop_back();
        if (m_stack.empty())
            m_done = true;
        else
            completed();
    }

    void closeAtCut()
    {
        m_truncated = true;
        // The element of root.items the cut fell in, when it is a container (a cut scalar is simply left out).
        if (m_stack.size() >= 3 && m_stack[0].object && m_stack[0].key == u"items" && !m_stack[1].object)
            m_cutInItem = m_stack[1].count;
        while (!m_stack.empty()) {
            Frame& top = m_stack.back();
            if (top.pending)
                m_out.truncate(top.memberStart);
            m_out += top.object ? u'}' : u']';
            m_stack.pop_back();
            if (!m_stack.empty())
                completed();
        }
    }

    QStringView m_in;
    qsizetype m_pos = 0;
    QString m_out;
    std::vector<Frame> m_stack;
    FeedWarnings m_warnings;
    bool m_rootSeen = false;
    bool m_done = false;
    bool m_truncated = false;
    qsizetype m_cutInItem = -1;
};

} // namespace

RepairedJson repairJson(QStringView text)
{
    return Repairer(text).run();
}

} // namespace folio
