#pragma once

#include <QString>
#include <QStringView>

#include <string_view>

namespace folio {

// The character(s) an HTML5 named character reference stands for ("nbsp" → U+00A0, "mdash" → U+2014), or a null
// string when the name is unknown. `name` is without '&' and ';' and is case-sensitive, as in HTML.
QString htmlEntity(QStringView name);

// The code points of a named character reference, as htmlEntity() but for callers working in UTF-8 (the HTML
// parser's fast path): false when the name is unknown. `second` is 0 when the reference is one code point.
bool htmlEntityCodePoints(std::string_view name, char32_t& first, char32_t& second);

// The character a numeric reference's value stands for, with HTML's repairs: 0, surrogates and values past
// U+10FFFF become U+FFFD; 0x80–0x9F are read as Windows-1252 (as browsers do).
QString htmlCodePoint(char32_t value);

// Decodes every character reference (named, decimal, hex) in HTML text. A '&' that starts no known reference stays
// as it is. Linear in the length of the text.
QString decodeHtmlEntities(QStringView text);

} // namespace folio
