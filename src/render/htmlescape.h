#pragma once

#include <QString>
#include <QStringView>

namespace folio::detail {

// Escapes text for HTML content and attribute values the way cmark-gfm does: &, <, > and ".
inline void appendHtmlEscaped(QString& out, QStringView text)
{
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;";
            break;
        case u'<':
            out += u"&lt;";
            break;
        case u'>':
            out += u"&gt;";
            break;
        case u'"':
            out += u"&quot;";
            break;
        default:
            out += c;
        }
    }
}

} // namespace folio::detail
