#pragma once

// First looks at bytes that may be a feed: their encoding and what kind of document they are.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace folio {

// The encoding an XML declaration names in the first bytes (<?xml version="1.0" encoding="gb2312"?>), or empty.
QByteArray xmlDeclaredEncoding(const QByteArray& bytes);

struct FeedText {
    QString text;
    QString encoding;
    QStringList warnings;
};

// Decodes feed bytes (see decodeText): the HTTP charset wins over the XML declaration. Never fails: text that is
// mostly UTF-8 with a few bad bytes, or that no encoding reads, is read as UTF-8 with U+FFFD for the bad bytes
// and a warning, so that the items around them survive.
FeedText decodeFeedBytes(const QByteArray& bytes, const QByteArray& httpCharset = {});

// The first element's name after the prolog (declaration, comments, PIs, DOCTYPE), lower-cased and without
// prefix ("rss", "feed", "rdf", "html"); "html" too when the DOCTYPE says html. Empty when there is none.
QString xmlRootName(QStringView text);

} // namespace folio
