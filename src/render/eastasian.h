#pragma once

namespace folio::detail {

// East Asian Wide and Fullwidth characters (UAX #11), approximated by block: CJK ideographs, kana, Hangul, CJK
// and full-width punctuation. Browsers show a line break between two of them as a space.
constexpr bool isEastAsianWide(char32_t c)
{
    if (c < 0x1100)
        return false;
    if (c >= 0x4E00 && c <= 0x9FFF) // the common case first: CJK unified ideographs
        return true;
    return (c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xA000 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE19) || (c >= 0xFE30 && c <= 0xFE6F) ||
           (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// The same test on one UTF-16 unit: a high surrogate of planes 2 and 3 (CJK extensions B and later) counts.
constexpr bool isEastAsianWideUnit(char16_t u)
{
    return isEastAsianWide(u) || (u >= 0xD840 && u <= 0xD8BF);
}

} // namespace folio::detail
