#pragma once

#include <QString>

namespace folio::detail {

// Recognises, at a '<', what CommonMark keeps verbatim inside a paragraph: raw HTML (open and closing tags,
// comments, processing instructions, declarations, CDATA) and autolinks. Math is never looked for inside them.
class InlineHtmlMatcher {
public:
    explicit InlineHtmlMatcher(const QString& text)
        : m_text(text)
    {
    }

    // The end (one past the last character) of the construct starting at `pos`, or -1.
    qsizetype match(qsizetype pos);

private:
    // The next occurrence of a fixed string, remembered so that many unterminated openers cost one search.
    struct Finder {
        QStringView needle;
        qsizetype searchedFrom = -1;
        qsizetype found = -1;
    };
    qsizetype find(Finder& finder, qsizetype from) const;

    qsizetype matchAutolink(qsizetype pos) const;
    qsizetype matchOpenTag(qsizetype pos);
    qsizetype matchClosingTag(qsizetype pos) const;
    qsizetype matchComment(qsizetype pos);

    const QString& m_text;
    Finder m_dashes{u"--"};
    Finder m_processingEnd{u"?>"};
    Finder m_cdataEnd{u"]]>"};
    Finder m_tagEnd{u">"};
    Finder m_doubleQuote{u"\""};
    Finder m_singleQuote{u"'"};
};

// The end of a GFM extended autolink (http://, https://, ftp:// or www.) starting at `pos`, or -1: the URL
// runs to a space or '<', and stops before a ')' that closes nothing.
qsizetype matchBareUrl(const QString& text, qsizetype pos);

} // namespace folio::detail
