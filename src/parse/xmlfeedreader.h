#pragma once

#include "parse/feeditem.h"
#include "parse/xmltree.h"

namespace folio {

// Reads channel fields and items of an RSS 0.9x/1.0/2.0 or Atom element tree (see xmltree.h), one item at a time
// as readXmlItems hands them out.
class XmlFeedReader {
public:
    XmlFeedReader(const XmlTree& tree, FeedFormat format, const QUrl& documentUrl, const QDateTime& fetchedAt,
                  FeedWarnings& warnings);

    void readChannel(FeedDocument& document);
    // Is this element an item of the document: an RSS item or Atom entry (any case) in the root or the channel?
    bool isItem(int node) const;
    // One item read to its end tag.
    FeedItem readItem(int node);

private:
    const XmlTree& m_tree;
    FeedFormat m_format;
    QUrl m_documentUrl;
    QUrl m_siteUrl;
    QDateTime m_fetchedAt;
    FeedWarnings& m_warnings;
    QStringList m_feedAuthors; // Atom: entries without an author inherit the feed's

    int channelNode() const;
    QUrl baseOf(int node) const;
    QUrl contentBase(int item, int content, const QString& link) const;
    FeedItem readRssItem(int node);
    FeedItem readAtomEntry(int node);
    QString atomText(int node) const; // an Atom text construct as plain text
    QString atomHtml(int node) const; // an Atom text construct as HTML
    QString markupOf(int node) const; // text, or inner markup when a feed left HTML unescaped
    void readMedia(int node, QList<QUrl>& urls) const;
};

} // namespace folio
