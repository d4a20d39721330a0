#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

class QIODevice;

namespace folio {

// Decodes a feed's bytes from a device a piece at a time, so that a big feed is never held whole as bytes or as
// text. The encoding and the warnings are those decodeFeedBytes would give for all of the bytes: a first pass over
// the device decides them (UTF-8 validity counts, and a strict trial of a legacy encoding where one is needed),
// then read() decodes from the start. The device must be open for reading and seekable (a file or a QBuffer).
class FeedTextDecoder {
public:
    static constexpr qint64 kPieceBytes = 1 << 16;

    FeedTextDecoder(QIODevice& device, const QByteArray& httpCharset, qint64 pieceBytes = kPieceBytes);
    ~FeedTextDecoder();
    FeedTextDecoder(const FeedTextDecoder&) = delete;
    FeedTextDecoder& operator=(const FeedTextDecoder&) = delete;

    // Nothing but whitespace in the bytes (or none at all).
    bool blank() const { return m_blank; }
    QString encoding() const { return m_encoding; }
    QStringList warnings() const { return m_warnings; }

    // The next piece of text; empty once all bytes are decoded (or the device fails).
    QString read();
    bool atEnd() const { return m_done; }
    // Decodes from the first byte again.
    void rewind();

private:
    struct Icu;
    struct Utf8Count;
    Utf8Count countUtf8(qint64 limit);
    bool decodeText(qint64 limit, const Utf8Count& count, QString& error);
    bool strictTrial(const QByteArray& charset, qint64 from, qint64 limit, bool refuseControls, QString& error);
    QByteArray readBytes(qint64 at, qint64 max);

    QIODevice& m_device;
    qint64 m_pieceBytes;
    qint64 m_size = 0;
    bool m_blank = true;
    QByteArray m_declared; // the HTTP charset, else the XML declaration's
    QString m_encoding;
    QStringList m_warnings;
    // What read() does: UTF-8 (bad sequences replaced) or a charset through ICU, over bytes [m_begin, m_end).
    QByteArray m_icuCharset; // empty: UTF-8
    qint64 m_begin = 0;
    qint64 m_end = 0;
    qint64 m_pos = 0;
    QByteArray m_carry; // UTF-8 bytes of a character the last piece cut
    std::unique_ptr<Icu> m_icu;
    bool m_done = false;
};

} // namespace folio
