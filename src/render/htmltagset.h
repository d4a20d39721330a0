#pragma once

#include <gumbo.h>

#include <array>
#include <initializer_list>

namespace folio {

// A set of gumbo tags, for the tables of the HTML tree builder and of the sanitizer's allowlist.
class HtmlTagSet {
public:
    constexpr HtmlTagSet(std::initializer_list<GumboTag> tags)
    {
        for (GumboTag tag : tags)
            m_members[size_t(tag)] = true;
    }
    constexpr bool contains(GumboTag tag) const { return size_t(tag) < m_members.size() && m_members[size_t(tag)]; }

private:
    std::array<bool, size_t(GUMBO_TAG_LAST) + 1> m_members{};
};

// Tables of the HTML tree builder (HTML Standard, "parsing main inbody"), shared by the pre-parse depth
// estimate and the sanitizer's check that its output parses back into the same tree.

// Start tags that close an open <p> in button scope.
inline constexpr HtmlTagSet kClosesParagraph{
    GUMBO_TAG_ADDRESS,    GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,     GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_CENTER,
    GUMBO_TAG_DETAILS,    GUMBO_TAG_DIR,     GUMBO_TAG_DIV,       GUMBO_TAG_DL,         GUMBO_TAG_FIELDSET,
    GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,  GUMBO_TAG_FOOTER,    GUMBO_TAG_HEADER,     GUMBO_TAG_HGROUP,
    GUMBO_TAG_MAIN,       GUMBO_TAG_MENU,    GUMBO_TAG_NAV,       GUMBO_TAG_OL,         GUMBO_TAG_P,
    GUMBO_TAG_SECTION,    GUMBO_TAG_SUMMARY, GUMBO_TAG_UL,        GUMBO_TAG_H1,         GUMBO_TAG_H2,
    GUMBO_TAG_H3,         GUMBO_TAG_H4,      GUMBO_TAG_H5,        GUMBO_TAG_H6,         GUMBO_TAG_PRE,
    GUMBO_TAG_LISTING,    GUMBO_TAG_FORM,    GUMBO_TAG_PLAINTEXT, GUMBO_TAG_LI,         GUMBO_TAG_DD,
    GUMBO_TAG_DT,         GUMBO_TAG_TABLE,   GUMBO_TAG_HR,        GUMBO_TAG_XMP};

inline constexpr HtmlTagSet kHeadings{GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3,
                                      GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6};

// "Special" elements other than address, div and p: a new <li>, <dd> or <dt> does not close items beyond them
// (items of the other kind included). Not <main>: gumbo 0.10.1 predates its being special (the HTML fast path's
// differential test checks every member it meets against gumbo), and the sanitizer writes no <main>.
inline constexpr HtmlTagSet kListItemBarriers{
    GUMBO_TAG_LI,      GUMBO_TAG_DD,         GUMBO_TAG_DT,         GUMBO_TAG_PLAINTEXT, GUMBO_TAG_APPLET,
    GUMBO_TAG_AREA,    GUMBO_TAG_ARTICLE,    GUMBO_TAG_ASIDE,      GUMBO_TAG_BASE,      GUMBO_TAG_BASEFONT,
    GUMBO_TAG_BGSOUND, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,       GUMBO_TAG_BUTTON,    GUMBO_TAG_CAPTION,
    GUMBO_TAG_CENTER,  GUMBO_TAG_COLGROUP,   GUMBO_TAG_DETAILS,    GUMBO_TAG_DIR,       GUMBO_TAG_DL,
    GUMBO_TAG_EMBED,   GUMBO_TAG_FIELDSET,   GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,    GUMBO_TAG_FOOTER,
    GUMBO_TAG_FORM,    GUMBO_TAG_FRAMESET,   GUMBO_TAG_H1,         GUMBO_TAG_H2,        GUMBO_TAG_H3,
    GUMBO_TAG_H4,      GUMBO_TAG_H5,         GUMBO_TAG_H6,         GUMBO_TAG_HEAD,      GUMBO_TAG_HEADER,
    GUMBO_TAG_HGROUP,  GUMBO_TAG_HTML,       GUMBO_TAG_IFRAME,     GUMBO_TAG_LISTING,   GUMBO_TAG_MARQUEE,
    GUMBO_TAG_MENU,    GUMBO_TAG_NAV,        GUMBO_TAG_NOEMBED,    GUMBO_TAG_NOFRAMES,  GUMBO_TAG_NOSCRIPT,
    GUMBO_TAG_OBJECT,  GUMBO_TAG_OL,         GUMBO_TAG_PRE,        GUMBO_TAG_SECTION,   GUMBO_TAG_SELECT,
    GUMBO_TAG_SUMMARY, GUMBO_TAG_TABLE,      GUMBO_TAG_TBODY,      GUMBO_TAG_TD,        GUMBO_TAG_TEMPLATE,
    GUMBO_TAG_TFOOT,   GUMBO_TAG_TH,         GUMBO_TAG_THEAD,      GUMBO_TAG_TR,        GUMBO_TAG_UL,
    GUMBO_TAG_XMP,     GUMBO_TAG_SVG,        GUMBO_TAG_MATH};

} // namespace folio
