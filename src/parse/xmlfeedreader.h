#pragma once

#include "parse/feeditem.h"
#include "parse/xmltree.h"

namespace folio {

// Reads channel fields and items of an RSS 0.9x/1.0/2.0 or Atom element tree (see xmltree.h).
class XmlFeedReader {
public:
    XmlFeedReader(const XmlTree& tree, FeedFormat format, const QUrl& documentUrl, const QDateTime& fetchedAt,
                  FeedWarnings& warnings);

    void readChannel(FeedDocument& document);
    // Appends the items whose start tag is at or after `minOffset` and that were read to their end tag.
    void readItems(QList<FeedItem>& items, qsizetype minOffset);
    // Offset of the first item's start tag (complete or not), or -1 when there is none.
    qsizetype firstItemOffset() const;

private:
    const XmlTree& m_tree;
    FeedFormat m_format;
    QUrl m_documentUrl;
    QUrl m_siteUrl;
    QDateTime m_fetchedAt;
    FeedWarnings& m_warnings;
    QStringList m_feedAuthors; // Atom: entries without an author inherit the feed's

    std::vector<int> itemNodes() const;
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
