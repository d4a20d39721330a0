#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace folio {

struct DecodedText {
    QString text;
    QString encoding; // the encoding actually used, e.g. "UTF-8", "GB18030"
};

// Decodes bytes to text: a BOM wins, then valid multi-byte UTF-8 (mislabelled UTF-8 is common), then a declared
// charset (HTTP or XML), then UTF-8. Bytes that are not
// valid UTF-8 and carry no declaration are tried as GB18030 (Chinese blogs still publish GBK); anything that
// decodes to neither is refused with the byte offset of the first bad sequence.
Result<DecodedText> decodeText(const QByteArray& bytes, const QByteArray& declaredCharset = {});

// A charset label as decodeText uses it: trimmed, upper case, GB2312/GBK read as GB18030 (a superset).
QByteArray normalizedCharset(QByteArray charset);

// Control characters no text has (tab, line breaks and form feed aside): the sign of bytes read in the wrong
// encoding.
bool hasStrayControlCharacters(QStringView text);

// The UTF-8 sequence that starts with byte p[0] (≥ 0x80), `n` bytes of it at hand: its length when it is valid, 0
// when it is not UTF-8, minus its length when the bytes end before it does.
int utf8Sequence(const unsigned char* p, qsizetype n);

// Offset of the first byte that breaks UTF-8, or -1 when all of it is valid.
qsizetype firstInvalidUtf8(const QByteArray& bytes);

} // namespace folio
